"""The OpenAPI schema and its rendered reference (Swagger UI from drf-spectacular-sidecar's
files: no CDN), open to everyone, no key needed.

Not Redoc: it writes its styles into the page and loads its logo from its CDN, so it would
need the site's Content-Security-Policy loosened; Swagger UI runs under it as it is."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from .. import errors
from .base import keep_status


class Schema(SpectacularAPIView):
    authentication_classes = []
    permission_classes = []
    throttle_classes = []


class SwaggerUI(SpectacularSwaggerSplitView):
    """Its start-up script is a separate file (``?script``): no inline script for the CSP."""

    template_name = "api/swagger_ui.html"
    authentication_classes = []
    permission_classes = []
    throttle_classes = []


@csrf_exempt
def not_found(request, *args, **kwargs):
    """Any other address under /api/: JSON, not the site's HTML 404 page."""
    keep_status(request)
    return JsonResponse(errors.body("not_found", _("There is no such API address.")), status=404)
