"""With the caches off, pages are routed from the top of the page tree (home/routing.py):
every request must land where Wagtail's own routing lands — the same page, the same 404,
the same refusal of a restricted page — in fewer queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction

from core.translations import fill_translation
from courses.models import CoursePage
from courses.tests import factories
from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(locales, no_caching):
    course = factories.build_course(title="Python basics", slug="python-basics", sections=1, resources_per_section=1)
    home = HomePage.objects.get(locale__language_code="en")
    members = home.add_child(instance=StandardPage(title="Members", slug="members"))
    members.add_child(instance=StandardPage(title="Inside", slug="inside"))
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    secret = home.add_child(instance=StandardPage(title="Secret", slug="secret"))
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.PASSWORD, password="pw")
    secret.create_alias(parent=home, update_slug="secret-alias")
    draft = home.add_child(instance=StandardPage(title="Draft", slug="draft", live=False))
    draft.save_revision()
    fill_translation(factories.catalog(), Locale.objects.get(language_code="fr"), {})
    return course


PATHS = [
    "/en/",
    "/fr/",
    "/en/courses/",
    "/en/courses/python-basics/",
    "/en/courses/python-basics/section-1/resource-11/",
    "/fr/courses/python-basics/",  # not translated: shown as authored
    "/fr/courses/python-basics/section-1/resource-11/",
    "/en/nowhere/",
    "/en/courses/python-basics/nowhere/",
    "/fr/courses/nowhere/",
    "/en/members/",  # login required
    "/en/members/inside/",  # an ancestor's restriction
    "/en/secret/",  # password form
    "/en/secret-alias/",  # an alias takes its source page's restriction
    "/en/draft/",  # never published
]


RESTRICTED = {"/en/members/", "/en/members/inside/", "/en/secret/", "/en/secret-alias/"}


def _answer(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    page = (response.context or {}).get("page") if response.status_code == 200 else None
    answer = (response.status_code, response.get("Location"), getattr(page, "pk", None), type(page).__name__)
    return answer, len(queries)


@pytest.mark.parametrize("path", PATHS)
def test_every_path_lands_where_wagtail_routing_lands(client, site, settings, path):
    _answer(client, path)  # what a process reads once (content types)
    ours, our_queries = _answer(client, path)
    settings.AULA_PAGE_ROUTER = ""
    _answer(client, path)
    wagtails, wagtail_queries = _answer(client, path)
    assert ours == wagtails
    if path not in RESTRICTED:  # a restricted page is rare: Wagtail's own check then follows
        assert our_queries <= wagtail_queries


def test_a_course_page_costs_fewer_queries_than_with_wagtails_routing(client, site, settings):
    _answer(client, "/en/courses/python-basics/")  # content types and the like, read once per process
    _, ours = _answer(client, "/en/courses/python-basics/")
    settings.AULA_PAGE_ROUTER = ""
    _, wagtails = _answer(client, "/en/courses/python-basics/")
    assert ours <= wagtails - 3


def test_the_routed_page_is_the_published_course(client, site):
    response = client.get("/en/courses/python-basics/")
    assert response.status_code == 200
    assert isinstance(response.context["page"], CoursePage)
    assert response.context["page"].pk == site.pk


def test_without_restricted_pages_routing_asks_for_no_restriction(client, locales, no_caching):
    """The page's and its ancestors' restrictions are only looked up when some page has one;
    the first restriction added is honoured at once (it renews the site)."""
    course = factories.build_course(title="Open", slug="open", sections=1, resources_per_section=1)
    path = "/en/courses/open/section-1/resource-11/"
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    lookups = [q["sql"] for q in queries if "pageviewrestriction" in q["sql"] and '"path" IN' in q["sql"]]
    assert lookups == []  # the page's and its ancestors' restrictions: not asked
    PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(path)
    assert response.status_code == 302 and "/login/" in response["Location"]
