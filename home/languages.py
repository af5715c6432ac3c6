"""Where the language switcher sends the visitor, for every language of the site."""

from django.conf import settings
from django.urls import translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, get_language_info

from .models import HomePage


def language_links(request, page=None):
    """One link per site language: the current page's translation when there is one,
    the same route for views outside the page tree (if it stays on this site: a 404 for
    ``//evil.example/`` must not link there), else that language's home page."""
    translations = {}
    if page is not None and getattr(page, "pk", None):
        for translated in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translated.locale.language_code] = translated
    homes = None
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        if code in translations:
            url = translations[code].get_url(request)
        else:
            url = translate_url(request.get_full_path(), code) if page is None else None
            if url is None or not _on_this_site(url):
                if homes is None:
                    homes = {h.locale.language_code: h for h in HomePage.objects.live().select_related("locale")}
                home = homes.get(code)
                url = home.get_url(request) if home else f"/{code}/"
        info = get_language_info(code)
        links.append({"code": code, "name": info["name_local"], "url": url, "current": code == current})
    return links


def _on_this_site(url):
    """A path on this host: no scheme, no other host (``//host/`` included)."""
    return url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None)
