import re

import pytest

pytestmark = pytest.mark.django_db


def _language_links(response):
    return re.findall(r'href="([^"]*)" hreflang="([^"]*)"', response.content.decode())


@pytest.mark.parametrize("path", ["//evil.example/", "/en//evil.example/", "//evil.example/en/accounts/login/"])
def test_404_language_links_stay_on_our_host(client, locales, path):
    # PATH_INFO as a browser sends it for http://our.host//evil.example/ (the test client
    # would otherwise read "//evil.example" as a host).
    response = client.get("/", PATH_INFO=path)
    assert response.status_code == 404
    links = _language_links(response)
    assert len(links) == 4
    for url, _code in links:
        assert url.startswith("/") and not url.startswith(("//", "/\\")), url


def test_404_for_a_protocol_relative_path_links_to_each_language_home(client, locales):
    links = {code: url for url, code in _language_links(client.get("/", PATH_INFO="//evil.example/"))}
    assert links == {"en": "/en/", "es": "/es/", "pt-br": "/pt-br/", "fr": "/fr/"}
