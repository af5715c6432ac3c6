from allauth import urls as allauth_urls
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from accounts import views as accounts_views
from accounts.admin_access import may_use_django_admin, may_use_wagtail_admin, refuse_signed_in_outsiders
from caching import page_routing
from caching.private_responses import private_response
from certificates import views as certificate_views
from commerce import ads as commerce_ads
from core.transactions import atomic_unless_reading
from courses.views import files as course_views
from home.robots import robots_txt
from home.sitemap import sitemap_xml

from . import health, views
from .public_media import public_media_urlpatterns

handler404 = "lms_site.views.page_not_found"
handler500 = "lms_site.views.server_error"
handler429 = "lms_site.views.too_many_requests"  # allauth's rate limits answer with it

# Outside i18n_patterns: admin, health checks, documents, webhooks, the sitemap and robots.txt.
urlpatterns = [
    # Wagtail's and Django's admin login forms have no rate limit: both send to allauth's.
    # A signed-in user who may not use an admin goes to a page saying so (the login form
    # would send them straight back: a loop).
    *decorate_urlpatterns(
        [
            path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
            path("admin/", include(wagtailadmin_urls)),
        ],
        refuse_signed_in_outsiders(may_use_wagtail_admin),
    ),
    *decorate_urlpatterns(
        [
            path("django-admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
            path("django-admin/", admin.site.urls),
        ],
        refuse_signed_in_outsiders(may_use_django_admin),
    ),
    # Documents used by courses: Range support and the access rule; others fall through to Wagtail.
    path("documents/<int:document_id>/<str:document_filename>", course_views.document_file),
    path("documents/", include(wagtaildocs_urls)),
    # Course video, audio and captions: only through this view, which asks courses.access.
    path("media-files/", include("courses.urls")),
    # Certificates' public keys and signed credentials: machine-read, no language prefix.
    path("certificates/keys.json", certificate_views.keys, name="certificate_keys"),
    path(
        "certificates/<str:code>/credential.<str:format>",
        certificate_views.credential,
        name="certificate_credential",
    ),
    path("healthz", health.healthz, name="healthz"),
    # The public REST API (api/): versioned in its path, its language a parameter or header.
    path("api/", include("api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("webhooks/", include("commerce.webhook_urls")),
    # Calendar feeds and .ics downloads: calendar applications fetch them, whatever the language.
    path("calendar/", include("events.calendar.urls")),
    path("ads.txt", commerce_ads.ads_txt, name="ads_txt"),
    # The blog's RSS and Atom feeds, one per language (and tag), named in the URL.
    path("feeds/blog/", include("blog.feed_urls")),
    path("sitemap.xml", sitemap_xml, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    urlpatterns += public_media_urlpatterns()  # public images only, never documents
    urlpatterns += [path("500/", views.server_error_preview)]

urlpatterns += i18n_patterns(
    path("dashboard/", accounts_views.dashboard, name="dashboard"),
    path("learn/", include("courses.learning_urls")),
    path("learn/", include("assessments.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include(decorate_urlpatterns(allauth_urls.urlpatterns, private_response))),
    path("discussions/", include("discussions.urls")),
    path("notifications/", include("notifications.urls")),
    path("", include("notifications.communication.urls")),  # messages/, contact/, announcements/
    path("certificates/", include("certificates.urls")),
    path("search/", include("search.urls")),
    path("", include("commerce.urls")),
    path("events/", include("events.urls")),
    # Wagtail's password form for protected pages, with the login limits (same URL, found first).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        views.authenticate_with_page_password,
    ),
    # Wagtail's front-end login (page privacy's) has no rate limit and signs in unverified
    # addresses: its URL sends to allauth's form. The name stays, as Wagtail reverses it.
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailcore_login",
    ),
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name not in ("wagtail_serve", "wagtailcore_login")],
    re_path(wagtail_urls.serve_pattern, atomic_unless_reading(page_routing.serve), name="wagtail_serve"),
    prefix_default_language=True,
)
