"""Bare Django: the floor the trivial view is compared with. No middleware, no app but
contenttypes, no database, one view answering ``ok`` — served by the same gunicorn setup
(2 sync workers) as Aula's servers."""

import django
from django.conf import settings
from django.http import HttpResponse
from django.urls import path


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-bare-django-not-a-secret",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    INSTALLED_APPS=["django.contrib.contenttypes"],
    MIDDLEWARE=[],
    ROOT_URLCONF=__name__,
    DATABASES={},
    USE_I18N=False,
)
django.setup()
urlpatterns = [path("bench/trivial/", trivial)]

from django.core.wsgi import get_wsgi_application  # noqa: E402  (after configure)

application = get_wsgi_application()
