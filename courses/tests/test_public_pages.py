import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import ResourcePage

from . import factories

pytestmark = pytest.mark.django_db


def url(page):
    return page.get_url()


def test_catalog_lists_featured_courses_first(client, catalog):
    factories.CoursePageFactory(parent=catalog, title="Alpha")
    factories.CoursePageFactory(parent=catalog, title="Zulu", featured=True)
    html = client.get(url(catalog)).content.decode()
    assert html.index("Zulu") < html.index("Alpha")


def test_catalog_filters_by_category_level_language_and_price(client, catalog):
    design = factories.CategoryFactory(name="Design", slug="design")
    factories.CoursePageFactory(parent=catalog, title="Free design", category=design, price=0, level="beginner")
    factories.CoursePageFactory(parent=catalog, title="Paid coding", price=10, level="advanced", language="es")

    def titles(query):
        response = client.get(url(catalog) + query)
        assert response.status_code == 200
        return [c.title for c in response.context["courses"]]

    assert titles("?category=design") == ["Free design"]
    assert titles("?level=advanced") == ["Paid coding"]
    assert titles("?language=es") == ["Paid coding"]
    assert titles("?price=free") == ["Free design"]
    assert titles("?price=paid") == ["Paid coding"]
    assert sorted(titles("?level=nonsense&page=abc")) == ["Free design", "Paid coding"]


def test_catalog_paginates(client, catalog):
    for n in range(14):
        factories.CoursePageFactory(parent=catalog, title=f"Course {n:02d}")
    first = client.get(url(catalog))
    second = client.get(url(catalog) + "?page=2")
    assert len(first.context["courses"]) == 12
    assert len(second.context["courses"]) == 2
    assert 'aria-current="page"' in second.content.decode()


def test_catalog_card_shows_instructor_and_price(client, paid_course):
    html = client.get(url(paid_course.get_parent())).content.decode()
    assert "Teacher One" in html
    assert "$49.00" in html  # the site currency, formatted for the visitor's language


def test_course_page_shows_outline_price_and_call_to_action(client, paid_course):
    response = client.get(url(paid_course))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Section 1" in html and "Resource 2.2" in html
    assert "Free preview" in html
    # Commerce (installed here) sells it through the page-action hook, so logging in comes second.
    assert "Buy now" in html and ">Log in</a>" in html and "Log in or buy" not in html
    assert "Teacher One" in html
    assert "private" not in response.get("Cache-Control", "")  # the same for every anonymous visitor


def test_free_course_invites_to_log_in_to_enrol(client, free_course):
    assert "Log in to enroll" in client.get(url(free_course)).content.decode()


def test_resource_page_has_body_outline_and_previous_next_across_sections(client, free_course, teacher):
    client.force_login(teacher)
    last_of_first = ResourcePage.objects.descendant_of(free_course).get(title="Resource 1.2")
    response = client.get(url(last_of_first))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Body of resource 1.2" in html
    assert response.context["previous_resource"].title == "Resource 1.1"
    assert response.context["next_resource"].title == "Resource 2.1"
    assert 'aria-current="page"' in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_paid_resource_is_refused_to_anonymous_visitors_with_a_prompt(client, paid_course):
    paid = ResourcePage.objects.descendant_of(paid_course).get(title="Resource 1.2")
    response = client.get(url(paid))
    html = response.content.decode()
    assert response.status_code == 403
    assert "Body of resource" not in html
    assert "Log in or buy" in html and "/accounts/login/?next=" in html
    assert "no-store" in response["Cache-Control"]


def test_paid_resource_is_refused_to_a_student_who_has_not_bought_it(client, paid_course, student):
    client.force_login(student)
    paid = ResourcePage.objects.descendant_of(paid_course).get(title="Resource 1.2")
    response = client.get(url(paid))
    assert response.status_code == 403
    assert "Buy the course" in response.content.decode()


def test_free_preview_opens_for_anonymous_visitors(client, paid_course):
    preview = ResourcePage.objects.descendant_of(paid_course).get(title="Resource 1.1")
    response = client.get(url(preview))
    assert response.status_code == 200
    assert "Body of resource 1.1" in response.content.decode()


def test_unknown_course_page_is_404(client, paid_course):
    assert client.get(url(paid_course) + "no-such-section/").status_code == 404


def test_unpublished_resource_is_404(client, free_course):
    resource = ResourcePage.objects.descendant_of(free_course).first()
    resource_url = url(resource)
    resource.unpublish()
    assert client.get(resource_url).status_code == 404


def _queries(client, path):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("resources", [10, 200])
def test_course_and_resource_pages_use_a_constant_number_of_queries(
    client, catalog, resources, django_assert_max_num_queries
):
    """One budget for both sizes: the outline is one query for sections, one for resources;
    the access rule adds one for the source course's rules (translations cannot change
    them) and, on a resource, one for its section being published."""
    course = factories.build_course(sections=resources // 10, resources_per_section=10, price="10.00")
    client.force_login(factories.UserFactory())
    resource = ResourcePage.objects.descendant_of(course).order_by("path")[5]
    resource.free_preview = True
    resource.save()
    client.get(url(course))  # warm per-process caches (site root paths, content types)
    with django_assert_max_num_queries(19):
        assert client.get(url(course)).status_code == 200
    with django_assert_max_num_queries(13):
        assert client.get(url(resource)).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(url(catalog)).status_code == 200


def test_query_count_is_the_same_at_10_and_200_resources(client, catalog, no_caching):
    small = factories.build_course(sections=1, resources_per_section=10, price="10.00", title="Small")
    large = factories.build_course(sections=20, resources_per_section=10, price="10.00", title="Large")
    client.force_login(factories.UserFactory())
    client.get(url(small))
    assert _queries(client, url(small)) == _queries(client, url(large))
    small_resource = ResourcePage.objects.descendant_of(small).order_by("path")[3]
    large_resource = ResourcePage.objects.descendant_of(large).order_by("path")[103]
    ResourcePage.objects.filter(pk__in=[small_resource.pk, large_resource.pk]).update(free_preview=True)
    assert _queries(client, url(small_resource)) == _queries(client, url(large_resource))


def test_section_page_lists_its_resources(client, paid_course):
    section = paid_course.get_children().first()
    response = client.get(url(section))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Resource 1.1" in html and "Resource 2.1" not in html


def test_logged_in_student_is_invited_to_enrol_in_a_free_course(client, free_course, student):
    client.force_login(student)
    html = client.get(url(free_course)).content.decode()
    assert "Enroll for free" in html and "Log in to enroll" not in html
    assert f'action="/en/learn/{free_course.pk}/enroll/"' in html


def test_the_course_breadcrumb_takes_its_catalog_from_the_top_of_the_tree(client, catalog, paid_course, no_caching):
    """The frame has read the home pages and their children: the catalog link costs no query."""
    client.get(url(paid_course))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(paid_course))
    assert f'<a href="{url(catalog)}">{catalog.title}</a>' in response.content.decode()
    parent_reads = [q["sql"] for q in queries.captured_queries if '"wagtailcore_page"."path" = ' in q["sql"]]
    assert parent_reads == []
