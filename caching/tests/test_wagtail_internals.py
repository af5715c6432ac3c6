"""The private places of Wagtail that ``caching.page_routing`` writes (``_give_wagtail``).
If a Wagtail upgrade stops reading one, this fails loudly: routing from the cache would
then silently do nothing, or worse, be ignored half-way."""

import pytest
from django.test import RequestFactory
from wagtail.models import Page, PageViewRestriction, Site

from caching.page_routing import _give_wagtail

pytestmark = pytest.mark.django_db


def test_wagtail_takes_the_site_given_on_the_request():
    request = RequestFactory().get("/", HTTP_HOST="unknown.example")
    site = Site.objects.get(is_default_site=True)
    _give_wagtail(request, {"site": site})
    assert Site.find_for_request(request) is site


def test_wagtail_takes_the_route_given_on_the_request():
    request = RequestFactory().get("/anything/")
    page = Page.objects.get(depth=2)
    route = (page, [], {})
    _give_wagtail(request, {"route": route})
    assert Page.route_for_request(request, "/anything/") is route


def test_wagtails_privacy_check_asks_the_page_for_its_restrictions():
    """Wagtail's ``before_serve_page`` privacy hook reads ``page.get_view_restrictions()``,
    which ``_give_wagtail`` replaces on the request's own copy of the page."""
    import inspect

    import wagtail.wagtail_hooks

    assert "page.get_view_restrictions()" in inspect.getsource(wagtail.wagtail_hooks)
    page = Page.objects.get(depth=2)
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="secret")
    copy = Page.objects.get(pk=page.pk)
    _give_wagtail(RequestFactory().get("/"), {"route": (copy, [], {}), "no_view_restrictions": True})
    assert not copy.get_view_restrictions().exists()
    assert page.get_view_restrictions().exists()  # only the request's copy
