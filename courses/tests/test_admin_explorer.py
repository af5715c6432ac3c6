"""An instructor's admin explorer, its search, the admin pages API and the page chooser
show only the courses they own or teach (and the pages above them)."""

import pytest

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_course(catalog, other_teacher):
    course = factories.build_course(title="Secret plans", slug="secret-plans", price="19.00", owner=other_teacher)
    course.instructors.add(other_teacher)
    course.save()
    return course


def api_titles(client, query):
    response = client.get(f"/admin/api/main/pages/?{query}")
    assert response.status_code == 200
    return {item["title"] for item in response.json()["items"]}


def test_an_instructors_explorer_lists_only_their_own_courses(client, catalog, paid_course, other_course, teacher):
    client.force_login(teacher)
    html = client.get(f"/admin/pages/{catalog.pk}/").content.decode()
    assert "Paid course" in html and "Secret plans" not in html
    # Opening another course's listing by its id shows its title but none of its pages.
    assert "Section 1" not in client.get(f"/admin/pages/{other_course.pk}/").content.decode()


def test_the_admin_pages_api_hides_other_courses(client, catalog, paid_course, other_course, teacher):
    client.force_login(teacher)
    assert api_titles(client, f"child_of={catalog.pk}&for_explorer=1") == {"Paid course"}
    under_catalog = api_titles(client, f"descendant_of={catalog.pk}&limit=20")
    assert under_catalog == {"Paid course", *(p.title for p in paid_course.get_descendants())}
    assert client.get(f"/admin/api/main/pages/{other_course.pk}/", follow=True).status_code == 404


def test_admin_search_and_page_chooser_hide_other_courses(client, catalog, paid_course, other_course, teacher):
    client.force_login(teacher)
    assert "Secret plans" not in client.get("/admin/pages/search/?q=Secret").content.decode()
    chooser = client.get(f"/admin/choose-page/{catalog.pk}/").json()["html"]
    assert "Paid course" in chooser and "Secret plans" not in chooser


def test_moderators_explore_every_course(client, catalog, paid_course, other_course):
    client.force_login(factories.moderator())
    html = client.get(f"/admin/pages/{catalog.pk}/").content.decode()
    assert "Paid course" in html and "Secret plans" in html
