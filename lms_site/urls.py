from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import views as accounts_views
from courses.views import files as course_views

from . import health, views

handler404 = "lms_site.views.page_not_found"
handler500 = "lms_site.views.server_error"
handler429 = "lms_site.views.too_many_requests"  # allauth's rate limits answer with it

# Outside i18n_patterns: admin, health checks, documents (and later webhooks, feeds, sitemap).
urlpatterns = [
    # The Wagtail admin's own login form has no rate limit: send it to allauth's.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    # Documents used by courses: Range support and the access rule; others fall through to Wagtail.
    path("documents/<int:document_id>/<str:document_filename>", course_views.document_file),
    path("documents/", include(wagtaildocs_urls)),
    # Course video, audio and captions: only through this view, which asks courses.access.
    path("media-files/", include("courses.urls")),
    path("healthz", health.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
    urlpatterns += [path("500/", views.server_error_preview)]

urlpatterns += i18n_patterns(
    path("dashboard/", accounts_views.dashboard, name="dashboard"),
    path("learn/", include("courses.learning_urls")),
    path("learn/", include("assessments.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("discussions/", include("discussions.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
