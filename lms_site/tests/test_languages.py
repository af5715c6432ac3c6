"""Aula's ``LocaleMiddleware`` (the path's language found once per request) decides and
answers exactly as Django's: the same language activated, the same ``Vary`` and
``Content-Language`` headers, the same redirect of a 404 to its prefixed path."""

import pytest
from django.conf import settings
from django.http import HttpResponse, HttpResponseNotFound
from django.middleware.locale import LocaleMiddleware as DjangosLocaleMiddleware
from django.test import RequestFactory
from django.utils import translation

from lms_site.languages import LocaleMiddleware

REQUESTS = [
    ("/en/", {}),
    ("/es/cursos/", {}),
    ("/pt-br/", {"HTTP_ACCEPT_LANGUAGE": "fr"}),
    ("/", {}),
    ("/", {"HTTP_ACCEPT_LANGUAGE": "es-ES,es;q=0.9"}),
    ("/", {"HTTP_ACCEPT_LANGUAGE": "de"}),
    ("/admin/", {"HTTP_COOKIE": f"{settings.LANGUAGE_COOKIE_NAME}=fr"}),
    ("/admin/", {"HTTP_COOKIE": f"{settings.LANGUAGE_COOKIE_NAME}=xx"}),
    ("/bench/trivial/", {}),
    ("/webhooks/stripe/", {"HTTP_ACCEPT_LANGUAGE": "pt-BR"}),
    ("/de/courses/", {}),
    ("/dashboard/", {"HTTP_ACCEPT_LANGUAGE": "es"}),  # a 404 under the prefix: redirected
    ("/no-such-thing/", {}),
]


def answer(middleware_class, path, headers, status):
    seen = {}

    def view(request):
        seen["language"] = translation.get_language()
        seen["LANGUAGE_CODE"] = request.LANGUAGE_CODE
        return HttpResponse("ok") if status == 200 else HttpResponseNotFound("no")

    request = RequestFactory().get(path, **headers)
    with translation.override(None):
        response = middleware_class(view)(request)
    return seen, response.status_code, response.get("Location"), response.get("Vary"), response.get("Content-Language")


@pytest.mark.parametrize("status", [200, 404])
@pytest.mark.parametrize(("path", "headers"), REQUESTS)
def test_the_language_and_headers_are_djangos(path, headers, status):
    assert answer(LocaleMiddleware, path, headers, status) == answer(DjangosLocaleMiddleware, path, headers, status)


def test_the_site_uses_it():
    assert "lms_site.languages.LocaleMiddleware" in settings.MIDDLEWARE
    assert "django.middleware.locale.LocaleMiddleware" not in settings.MIDDLEWARE
