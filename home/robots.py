"""``/robots.txt``: where the sitemap is, and the routes crawlers have no business in —
the admins, files served after the access rule, webhooks, and in every language the
accounts, dashboard, learning, cart and checkout, orders, messages, notifications,
discussions' forms, certificates (a holder's name is for those they give the link to) and
search results (endless, and thin). Pages of the page tree are open; public images under
``/media/`` stay open too (social networks fetch ``og:image`` from there)."""

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from core.seo import absolute

# Routes outside the language prefix (lms_site/urls.py).
DISALLOWED = [
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/media-files/",
    "/certificates/",
    "/webhooks/",
    "/i18n/",
    "/healthz",
]
# Routes under every language prefix (lms_site/urls.py's i18n_patterns and the apps' urls.py).
DISALLOWED_IN_EACH_LANGUAGE = [
    "accounts/",
    "dashboard/",
    "learn/",
    "cart/",
    "checkout/",
    "orders/",
    "messages/",
    "notifications/",
    "announcements/",
    "discussions/",
    "certificates/",
    "search/",
    "_util/",
]


def robots_lines():
    lines = ["User-agent: *"]
    lines += [f"Disallow: {prefix}" for prefix in DISALLOWED]
    for code, _name in settings.LANGUAGES:
        lines += [f"Disallow: /{code}/{prefix}" for prefix in DISALLOWED_IN_EACH_LANGUAGE]
    lines += ["", f"Sitemap: {absolute('/sitemap.xml')}"]
    return lines


@transaction.non_atomic_requests  # a read: no transaction (core/transactions.py)
@require_GET
def robots_txt(request):
    return HttpResponse("\n".join(robots_lines()) + "\n", content_type="text/plain; charset=utf-8")
