"""``caching.path_language`` answers as Django's ``get_language_from_path`` does, once per
request, and forgets its answers when the languages change."""

import pytest
from django.test import RequestFactory
from django.utils.translation import get_language_from_path

from caching.path_language import language_of_path, path_language

PATHS = [
    "/",
    "",
    "/en/",
    "/en",
    "/es/cursos/",
    "/pt-br/",
    "/pt-BR/",
    "/pt/",
    "/fr/blog/x/",
    "/de/",
    "/en-us/",
    "/zh-hant-tw/",
    "/admin/pages/",
    "/bench/trivial/",
    "/webhooks/stripe/",
    "/healthz",
    "/en@latin/",
    "/" + "x" * 600 + "/",
    "/en_GB/",
    "no-slash",
]


@pytest.mark.parametrize("path", PATHS)
def test_the_language_of_a_path_is_djangos(path):
    assert language_of_path(path) == get_language_from_path(path)


def test_a_request_asks_for_its_paths_language_once(monkeypatch):
    request = RequestFactory().get("/es/cursos/")
    assert path_language(request) == "es"
    monkeypatch.setattr("caching.path_language.language_of_path", lambda path: pytest.fail("asked twice"))
    assert path_language(request) == "es"


def test_a_change_of_languages_is_seen(settings):
    languages = settings.LANGUAGES
    assert language_of_path("/de/") is None
    settings.LANGUAGES = [*languages, ("de", "German")]
    assert language_of_path("/de/") == "de"
    settings.LANGUAGES = languages
    assert language_of_path("/de/") is None
