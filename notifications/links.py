"""Absolute links in what Aula sends, on the site's own address.

The site's address is ``settings.SITE_URL`` (the ``SITE_URL`` environment variable; the
Wagtail admin's ``WAGTAILADMIN_BASE_URL`` is the same). Wagtail builds a page's full URL from
its ``Site`` row, whose host is ``localhost`` on a fresh install: e-mails rebuilt from it
linked to ``http://localhost/…``. ``absolute(url)`` turns a path, or a full URL on the
default Wagtail site, into one on ``SITE_URL``; ``on_site_address(text)`` does the same for
every such link inside a rendered text (Wagtail's own workflow e-mails).
"""

import re
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings


def site_url():
    """The site's root URL, without a trailing slash."""
    return settings.SITE_URL.rstrip("/")


def _default_site_roots():
    from wagtail.models import Site

    roots = set()
    for site in Site.objects.filter(is_default_site=True):
        roots.add(site.root_url.rstrip("/"))
    return roots


def absolute(url):
    """``url`` (a path, or a full URL) as a full URL on the site's address. A URL on another
    host than the default Wagtail site's stays as it is (another site, an outside link)."""
    if not url:
        return ""
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc:
        return site_url() + (url if url.startswith("/") else "/" + url)
    for root in _default_site_roots():
        if url == root or url.startswith(root + "/"):
            return site_url() + url[len(root) :]
    return url


@lru_cache(maxsize=32)
def _root_pattern(roots):
    return re.compile("(" + "|".join(re.escape(root) for root in roots) + r")(?=[/\s]|$)")


def on_site_address(text):
    """``text`` with every link on the default Wagtail site's address moved to the site's."""
    roots = tuple(sorted(root for root in _default_site_roots() if root != site_url()))
    if not text or not roots:
        return text
    return _root_pattern(roots).sub(site_url(), text)
