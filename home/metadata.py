"""The head of a public page for search engines and social networks: description, canonical
URL, ``hreflang`` links to each live translation (and ``x-default``), Open Graph, the
Twitter card and JSON-LD. Page types say what they know through ``core.seo.SeoPage``;
``{% page_metadata %}`` (``templatetags/site_tags.py``) renders it in ``base.html``.

Built once per page and language and shared (``caching.shared``) under the page's own
scopes: it holds only public facts about the page, never anything about the visitor.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.text import Truncator

from core.localized import language_code_of
from core.seo import SeoPage, absolute, hreflang, json_ld, og_locale, page_url

SOCIAL_RENDITION = "fill-1200x630"  # Open Graph's and the large Twitter card's shape
DESCRIPTION_WORDS = 40


@dataclass
class PageFacts:
    """What the head says about a page; ``structured_data`` gets it to build on."""

    title: str
    description: str
    canonical: str
    language: str  # the page's language code ("pt-br")
    site_name: str
    site_url: str
    og_type: str = "website"
    image: dict = None  # {"url", "width", "height", "alt"}
    alternates: list = field(default_factory=list)  # [{"hreflang", "url"}], x-default last
    locale_alternates: list = field(default_factory=list)  # og:locale:alternate values
    json_ld: str = ""

    @property
    def og_locale(self):
        return og_locale(self.language)


def protocol(page, name):
    """The page's own ``name`` method, or ``SeoPage``'s default for a page that does not
    follow the protocol (a page type of another app that has not joined yet)."""
    method = getattr(type(page), name, None) or getattr(SeoPage, name)
    return method.__get__(page)


def page_facts(page, request, site_name):
    """Everything the head says about ``page`` (live, specific): a few queries, at any
    number of translations (one for them)."""
    description = _plain(protocol(page, "seo_description")())
    facts = PageFacts(
        title=page.seo_title or page.title,
        description=description,
        canonical=page_url(page, request) or "",
        language=language_code_of(page.locale_id) or page.locale.language_code,
        site_name=site_name,
        site_url=settings.SITE_URL.rstrip("/"),
        og_type=getattr(page, "og_type", SeoPage.og_type),
        image=_image(protocol(page, "seo_image")()),
    )
    facts.alternates, facts.locale_alternates = _alternates(page, request)
    data = protocol(page, "structured_data")(request, facts)
    facts.json_ld = json_ld(data) if data else ""
    return facts


def _plain(text):
    """Rich text or long text as one plain line of at most ``DESCRIPTION_WORDS`` words."""
    return Truncator(" ".join(strip_tags(str(text or "")).split())).words(DESCRIPTION_WORDS)


def _image(image):
    if image is None:
        return None
    rendition = image.get_rendition(SOCIAL_RENDITION)
    return {
        "url": absolute(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": getattr(image, "default_alt_text", "") or "",
    }


def _alternates(page, request):
    """``hreflang`` links to every live, public translation (the page included; ``x-default``
    the default language's, else the source's) in one query, and the others' ``og:locale``."""
    from caching.view_restrictions import restricted_sections

    from .languages import live_versions

    private = restricted_sections()
    translations = sorted(
        (
            (language_code_of(version.locale_id) or version.locale.language_code, version)
            for version in live_versions(request, page)
            if not any(version.path.startswith(path) and version.depth >= depth for path, depth in private)
        ),
        key=lambda pair: pair[0],
    )
    urls = {}
    for code, translation in translations:
        url = page_url(translation, request)
        if url:
            urls[code] = url
    own = language_code_of(page.locale_id) or page.locale.language_code
    others = [og_locale(code) for code in urls if code != own]
    if len(urls) < 2:
        return [], others  # one language: no alternates to announce
    links = [{"hreflang": hreflang(code), "url": url} for code, url in urls.items()]
    default = urls.get(settings.LANGUAGE_CODE) or links[0]["url"]
    return [*links, {"hreflang": "x-default", "url": default}], others


def home_structured_data(home, facts):
    """``WebSite`` with a ``SearchAction`` (the site search in the home page's language) and
    the ``Organization`` that runs it."""
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    organization = {"@type": "Organization", "@id": facts.site_url + "/#organization", "name": facts.site_name,
                    "url": facts.site_url + "/"}  # fmt: skip
    website = {
        "@type": "WebSite",
        "@id": facts.canonical + "#website",
        "name": facts.site_name,
        "url": facts.canonical,
        "inLanguage": hreflang(facts.language),
        "publisher": {"@id": organization["@id"]},
    }
    try:
        with translation.override(facts.language):
            search = absolute(reverse("search:search"))
    except NoReverseMatch:  # the search app is not installed
        search = None
    if search:
        website["potentialAction"] = {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": search + "?q={search_term_string}"},
            "query-input": "required name=search_term_string",
        }
    return {"@context": "https://schema.org", "@graph": [website, organization]}
