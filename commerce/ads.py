"""Ads on free course pages: an AdSense slot only on a free course's page, never on a paid
course and never for students enrolled in it (or its staff). ``/ads.txt`` answers when the
publisher id is set; the Content-Security-Policy allows Google's ad script only on the
pages that show an ad (``AdsCSPMiddleware``)."""

from django.http import Http404, HttpResponse
from django.templatetags.static import static

from courses.hooks import CoursePagePanel

from .models import AdSettings

ADS_SCRIPT = "https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js"
# What AdSense needs to load and show an ad (Google's documented CSP sources).
ADS_CSP = {
    "script-src": ["https://pagead2.googlesyndication.com", "https://*.googlesyndication.com", "https://*.google.com"],
    "img-src": ["https:"],
    "frame-src": ["https://*.googlesyndication.com", "https://*.doubleclick.net", "https://*.google.com"],
    "connect-src": ["'self'", "https://*.googlesyndication.com", "https://*.doubleclick.net", "https://*.google.com"],
}


def publisher_id(request):
    return AdSettings.for_request(request).adsense_publisher_id


def ad_panel(course, request, context):
    """The ad slot for this course page, or None (see the module's rule)."""
    from courses.models import CoursePage

    if not isinstance(course, CoursePage) or not course.is_free:
        return None
    access = context.get("access")
    if context.get("enrollment") is not None or (access is not None and access.is_staff):
        return None
    settings = AdSettings.for_request(request)
    if not settings.adsense_publisher_id:
        return None
    request._aula_ads_shown = True
    return CoursePagePanel(
        "commerce/includes/ad_slot.html",
        {"client": f"ca-{settings.adsense_publisher_id}", "slot": settings.adsense_slot_id},
        scripts=[f"{ADS_SCRIPT}?client=ca-{settings.adsense_publisher_id}", static("commerce/js/ads.js")],
    )


def ads_txt(request):
    publisher = publisher_id(request)
    if not publisher:
        raise Http404("no ads")
    return HttpResponse(f"google.com, {publisher}, DIRECT, f08c47fec0942fa0\n", content_type="text/plain")


class AdsCSPMiddleware:
    """Widen the CSP for Google's ad script on the responses that show an ad, and only
    those. Listed after django-csp's middleware, so it runs before it on the way out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "_aula_ads_shown", False):
            response._csp_update = {**(getattr(response, "_csp_update", None) or {}), **ADS_CSP}
        return response
