"""Where the language switcher sends the visitor, for every language of the site, and
what a visitor sees at a page not translated into their language yet: the page as
authored (its source), with a notice (``untranslated_notice``), never a 404."""

from django.conf import settings
from django.http import Http404
from django.urls import translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, get_language_info
from wagtail.models import Locale, Page

from core.localized import language_code_of

from .frame import TOP_DEPTH, top_of_tree


def language_links(request, page=None):
    """One link per site language: the current page's translation when there is one,
    the same route for views outside the page tree (if it stays on this site: a 404 for
    ``//evil.example/`` must not link there), else that language's home page."""
    top = top_of_tree(request)
    translations = {}
    if page is not None and getattr(page, "pk", None):
        for translated in live_versions(request, page):
            translations[language_code_of(translated.locale_id)] = translated
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        if code in translations:
            url = translations[code].get_url(request)
        else:
            # Outside the page tree, the same route; a page not translated into ``code``
            # is shown there as authored, with a notice (route_through_source).
            url = translate_url(request.get_full_path() if page is None else page.get_url(request), code)
            if url is None or not _on_this_site(url):
                home = next((home for home in top.homes() if language_code_of(home.locale_id) == code), None)
                url = home.page().get_url(request) if home else f"/{code}/"
        info = get_language_info(code)
        links.append({"code": code, "name": info["name_local"], "url": url, "current": code == current})
    return links


def live_versions(request, page):
    """The live versions of ``page`` in every language (itself included), as pages holding
    what their URL needs: from the top of the tree when it is there, else one query,
    remembered on the page (its language links and its metadata both ask)."""
    if "_aula_live_versions" not in page.__dict__:
        page.__dict__["_aula_live_versions"] = _live_versions(top_of_tree(request), page)
    return page.__dict__["_aula_live_versions"]


def _live_versions(top, page):
    if page.depth <= TOP_DEPTH:
        return [version.page() for version in top.translations(page.translation_key)]
    fields = ["id", "path", "depth", "url_path", "translation_key", "locale_id", "live"]
    rows = Page.objects.filter(translation_key=page.translation_key, live=True).values(*fields)
    return [Page(**row) for row in rows]


def _on_this_site(url):
    """A path on this host: no scheme, no other host (``//host/`` included)."""
    return url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None)


def route_through_source(home, request, path_components):
    """Route ``path_components`` below ``home`` (a language's home page) where that
    language has no live page for them: the deepest page of the path that exists in
    this language leads to its source, and the rest of the path is routed there. Http404
    when the source has no such page either (or ``home`` is the source language's)."""
    default = Locale.get_default()
    if home.locale_id == default.pk:
        raise Http404
    prefixes = [home.url_path + "/".join(path_components[:depth]) + "/" for depth in range(len(path_components) + 1)]
    prefixes[0] = home.url_path
    found = {
        page.url_path: page
        for page in Page.objects.descendant_of(home, inclusive=True).filter(url_path__in=prefixes, locale=home.locale)
    }
    for depth in range(len(path_components), -1, -1):
        page = found.get(prefixes[depth])
        if page is None:
            continue
        source = page.get_translation_or_none(default)
        if source is None:
            raise Http404
        rest = path_components[depth:]
        if rest or not page.live:
            return source.specific.route(request, rest)
        raise Http404  # the page exists and is live here: Wagtail refused it for another reason
    raise Http404


def untranslated_notice(page):
    """The notice above a page that is not (or not completely) in the visitor's language,
    or None: {"partial": bool, "language": the visitor's language, "shown_in": the
    language the rest is shown in}."""
    from .translators import source_language_code, untranslated_strings_remain

    current = get_language()
    if current not in dict(settings.LANGUAGES) or getattr(page, "locale_id", None) is None:
        return None
    code = language_code_of(page.locale_id)
    if code != current:
        shown_in, partial = code, False
    elif code != settings.LANGUAGE_CODE and untranslated_strings_remain(page):
        shown_in, partial = source_language_code(page), True
    else:
        return None
    return {
        "partial": partial,
        "language": get_language_info(current)["name_translated"],
        "shown_in": get_language_info(shown_in)["name_translated"],
    }
