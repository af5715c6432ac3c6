from django.utils.translation import gettext as _
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer

from .. import errors
from ..authentication import ApiKeyAuthentication
from ..languages import InLanguage
from ..permissions import HasScope
from ..schema import ScopedSchema
from ..throttling import ApiKeyRateThrottle


class Pages(PageNumberPagination):
    page_size = 20
    invalid_page_message = _("There is no such page.")


class ApiView(InLanguage, GenericAPIView):
    # Every operation: a key (``Authorization: Bearer``), the scope it needs
    # (``required_scopes``: method → scope), the per-key rate, JSON in and out, one error shape.
    schema = ScopedSchema()

    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [HasScope]
    throttle_classes = [ApiKeyRateThrottle]
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser]
    pagination_class = Pages
    required_scopes = {}
    query_class = None

    def finalize_response(self, request, response, *args, **kwargs):
        keep_status(request._request)
        return super().finalize_response(request, response, *args, **kwargs)

    def get_exception_handler(self):
        return errors.handle

    def query(self):
        """The validated query parameters (``query_class``), or a 400."""
        query = self.query_class(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return {name: value for name, value in query.validated_data.items() if value not in ("", None)}

    def paginated(self, items, **context):
        page = self.paginate_queryset(items)
        serializer = self.get_serializer(page, many=True, context={"request": self.request, **context})
        return self.get_paginated_response(serializer.data)


def keep_status(request):
    """Name the API's own URLconf on the request: Django's LocaleMiddleware then leaves the
    API's 404s alone (with the site's URLconf it would answer them with a redirect to a
    language-prefixed address, which Wagtail's catch-all page route makes "valid")."""
    request.urlconf = "api.urls_root"
