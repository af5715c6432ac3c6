"""The WSGI application of the bench's Aula servers: the site as deployed, plus one trivial
view (``/bench/trivial/``, a plain ``HttpResponse``) that goes through the whole middleware
stack. The settings module comes from ``DJANGO_SETTINGS_MODULE`` (``settings_production``
or ``settings_uncached``, both in bench/).

The trivial view is declared as Aula's own reading views are (``atomic_unless_reading``: a
GET runs without a transaction). Under ``ATOMIC_REQUESTS`` it would open one, and the
transaction's first use of the connection pays the health check (``CONN_HEALTH_CHECKS``: a
``SELECT 1`` round trip to PostgreSQL) — about two thirds of its CPU, and no middleware's."""

import django
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

from core.transactions import atomic_unless_reading


@atomic_unless_reading
def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


django.setup(set_prefix=False)
from lms_site.urls import urlpatterns as site_urlpatterns  # noqa: E402  (after setup: the apps must be ready)

urlpatterns = [path("bench/trivial/", trivial), *site_urlpatterns]
settings.ROOT_URLCONF = __name__
application = get_wsgi_application()
