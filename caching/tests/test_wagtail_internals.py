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


def test_wagtails_public_filter_asks_private_q():
    """``caching.view_restrictions`` replaces ``PageQuerySet.private_q``; Wagtail's
    ``public()`` must still build its filter from it."""
    import inspect

    from wagtail.query import PageQuerySet

    from caching import view_restrictions

    assert "self.private_q()" in inspect.getsource(PageQuerySet.public)
    assert PageQuerySet.private_q is view_restrictions.private_q


def test_public_pages_leave_out_a_restricted_section_read_once_per_request(django_assert_num_queries):
    from caching import scopes

    home = Page.objects.get(depth=2)
    section = home.add_child(instance=Page(title="Members", slug="members"))
    inside = section.add_child(instance=Page(title="Inside", slug="inside"))
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    reset = scopes.start_request()
    try:
        public = set(Page.objects.public().values_list("pk", flat=True))
        assert home.pk in public and section.pk not in public and inside.pk not in public
        with django_assert_num_queries(2):  # the listings alone: the restrictions are known
            assert Page.objects.public().filter(pk=inside.pk).count() == 0
            assert Page.objects.public().filter(pk=home.pk).count() == 1
        PageViewRestriction.objects.filter(page=section).delete()  # renews SITE: read again
        assert Page.objects.public().filter(pk=inside.pk).count() == 1
    finally:
        scopes.end_request(reset)
