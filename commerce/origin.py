"""Was a form sent from this site? The "Buy now" and "Add to cart" buttons of the pages the
page cache shares are forms without a CSRF token (a token is per visitor: a page holding one
could never be shared), so adding to a cart is checked the way browsers allow instead: the
request says it comes from this site (``Sec-Fetch-Site: same-origin``; else its ``Origin``;
else its ``Referer``), as Django's own CSRF check does before it looks at the token. A form
that carries a valid CSRF token passes too (the signed-in pages' forms have one). The
session cookie is ``SameSite=Lax`` besides: another site's form reaches no one's cart."""

from urllib.parse import urlsplit

from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware


def sent_from_this_site(request):
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site:
        return fetch_site == "same-origin" or _token_passes(request)
    origin = request.headers.get("Origin")
    if not origin or origin == "null":
        referer = urlsplit(request.headers.get("Referer", ""))
        origin = f"{referer.scheme}://{referer.netloc}" if referer.netloc else ""
    return (origin and origin in _this_site(request)) or _token_passes(request)


def _this_site(request):
    return {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}


def _token_passes(request):
    """Django's CSRF check of the form's token (the test client's requests skip it, as
    everywhere)."""
    if request.POST.get("csrfmiddlewaretoken") is None and not getattr(request, "_dont_enforce_csrf_checks", False):
        return False  # no token to check: refused without Django's 403 page being rendered
    middleware = CsrfViewMiddleware(lambda request: None)
    middleware.process_request(request)
    return middleware.process_view(request, None, (), {}) is None
