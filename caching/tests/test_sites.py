"""``caching.sites`` finds the site of a request as Wagtail does, from the rows read once."""

import pytest
from django.test import RequestFactory
from wagtail.models import Page, Site

from caching.sites import default_site_id, site_for_request

pytestmark = pytest.mark.django_db

HOSTS = ["localhost", "a.example", "b.example", "unknown.example"]
PORTS = ["80", "443", "8080"]


def _request(host, port):
    return RequestFactory().get("/", HTTP_HOST=f"{host}:{port}" if port != "80" else host, SERVER_PORT=port)


def _same_as_wagtail():
    for host in HOSTS:
        for port in PORTS:
            request = _request(host, port)
            ours, theirs = site_for_request(request), Site._find_for_request(request)
            assert (ours and ours.pk) == (theirs and theirs.pk), (host, port)


@pytest.mark.parametrize("default_host", ["localhost", "a.example"])
def test_the_site_of_a_request_is_wagtails(default_host):
    root = Page.objects.get(depth=2)
    Site.objects.update(hostname=default_host)
    Site.objects.create(hostname="a.example", port=8080, root_page=root)
    Site.objects.create(hostname="b.example", port=80, root_page=root)
    _same_as_wagtail()
    Site.objects.create(hostname="b.example", port=443, root_page=root)  # two sites of one host name
    _same_as_wagtail()


def test_without_a_default_site_only_a_host_name_matches():
    root = Page.objects.get(depth=2)
    Site.objects.update(is_default_site=False, hostname="localhost")
    Site.objects.create(hostname="a.example", port=80, root_page=root)
    Site.objects.create(hostname="a.example", port=8080, root_page=root)
    _same_as_wagtail()
    assert default_site_id() is None
    assert site_for_request(_request("unknown.example", "80")) is None


def test_the_default_site_id():
    assert default_site_id() == Site.objects.get(is_default_site=True).pk


def test_the_site_settings_come_with_the_sites_and_follow_a_save(client, no_caching):
    """Every page shows the site settings (``read_with_sites``): with the caches off they are
    read in the sites' query, not one of their own, and a save shows on the next request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from home.models import SiteSettings

    client.get("/en/")  # makes the settings row on first use
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/").status_code == 200
    table = connection.ops.quote_name(SiteSettings._meta.db_table)  # "…" on PostgreSQL, `…` on MariaDB
    assert not [q for q in queries if f"FROM {table}" in q["sql"]]
    assert [q for q in queries if f"JOIN {table}" in q["sql"]]
    row = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    row.site_name = "Renamed academy"
    row.save()
    assert "Renamed academy" in client.get("/en/").content.decode()


def test_a_site_without_its_settings_row_gets_one_made(rf):
    from django.contrib.auth.models import AnonymousUser

    from home.models import SiteSettings

    SiteSettings.objects.all().delete()
    request = rf.get("/en/")
    request.user = AnonymousUser()
    made = SiteSettings.for_request(request)
    assert made.pk and SiteSettings.objects.filter(pk=made.pk).exists()
