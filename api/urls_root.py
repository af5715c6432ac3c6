"""The API alone, as a URLconf without language prefixes: named on API requests (see
``views.base.keep_status``), never served as the site's."""

from django.urls import include, path

urlpatterns = [path("api/", include("api.urls"))]
