"""/robots.txt: the sitemap's address, and every private route kept out, in each language."""

import pytest
from django.urls import Resolver404, resolve
from django.utils import translation

pytestmark = pytest.mark.django_db


def read_robots(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    return response.content.decode().splitlines()


def test_robots_points_to_the_sitemap_on_the_site_address(client, settings):
    settings.SITE_URL = "https://aula.example.org"
    lines = read_robots(client)
    assert lines[0] == "User-agent: *"
    assert "Sitemap: https://aula.example.org/sitemap.xml" in lines


@pytest.mark.parametrize("code", ["en", "es", "pt-br", "fr"])
def test_robots_keeps_private_routes_out_in_every_language(client, code):
    disallowed = {line.removeprefix("Disallow: ") for line in read_robots(client) if line.startswith("Disallow: ")}
    for prefix in ("accounts/", "dashboard/", "learn/", "cart/", "checkout/", "orders/", "search/"):
        assert f"/{code}/{prefix}" in disallowed
    for prefix in ("/admin/", "/django-admin/", "/documents/", "/media-files/", "/webhooks/"):
        assert prefix in disallowed
    assert f"/{code}/" not in disallowed and f"/{code}/courses/" not in disallowed  # pages stay open
    assert not any(line.startswith("/media/") for line in disallowed)  # og:image is fetched from there


# A route under each prefix (a prefix alone is not always one).
ROUTES_UNDER = {
    "/healthz": "",
    "/i18n/": "setlang/",
    "/webhooks/": "stripe/",
    "/certificates/": "keys.json",
    "certificates/": "verify/",
    "/documents/": "1/x.pdf",
    "/media-files/": "1/x.mp4",
    "accounts/": "login/",
    "learn/": "1/enroll/",
    "announcements/": "1/dismiss/",
    "discussions/": "1/post/",
    "_util/": "login/",
    "orders/": "1/",
    "checkout/": "",
}


def test_every_disallowed_prefix_is_a_real_route(client):
    """No stale line: under each prefix, a view of the site answers (not the page tree)."""
    for line in read_robots(client):
        if not line.startswith("Disallow: "):
            continue
        prefix = line.removeprefix("Disallow: ")
        language = translation.get_language_from_path(prefix)
        bare = prefix.removeprefix(f"/{language}/") if language else prefix
        with translation.override(language or "en"):  # i18n_patterns resolve the active language's prefix
            try:
                match = resolve(prefix + ROUTES_UNDER.get(bare, ""))
            except Resolver404:
                match = None
        assert match is not None and match.url_name != "wagtail_serve", f"{prefix} is no route of the site"


def test_robots_refuses_other_methods(client):
    assert client.post("/robots.txt").status_code == 405
