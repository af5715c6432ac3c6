"""The course builder in the admin: the course list, the curriculum view and reordering."""

import pytest
from django.urls import reverse

from courses.models import ResourcePage, SectionPage

from . import factories

pytestmark = pytest.mark.django_db

INDEX = "/admin/courses/builder/"


def curriculum_url(course):
    return reverse("course_builder:curriculum", args=(course.pk,))


def move_url(course, page):
    return reverse("course_builder:move", args=(course.pk, page.pk))


def sections_of(course):
    return [p.title for p in SectionPage.objects.child_of(course).order_by("path")]


def test_an_instructor_lists_only_the_courses_they_teach(client, paid_course, other_teacher):
    factories.build_course(title="Someone else's", slug="someone-elses", owner=other_teacher)
    client.force_login(paid_course.owner)
    html = client.get(INDEX).content.decode()
    assert "Paid course" in html and "Someone else" not in html
    assert curriculum_url(paid_course) in html


def test_administrators_and_moderators_list_every_course(client, paid_course, other_teacher):
    factories.build_course(title="Someone else's", slug="someone-elses", owner=other_teacher)
    for user in (factories.UserFactory(is_superuser=True), factories.moderator()):
        client.force_login(user)
        html = client.get(INDEX).content.decode()
        assert "Paid course" in html and "Someone else" in html


def test_a_student_cannot_open_the_builder(client, student, paid_course):
    client.force_login(student)
    assert client.get(INDEX).status_code in (302, 403)
    assert client.get(curriculum_url(paid_course)).status_code in (302, 403)


def test_the_curriculum_lists_sections_and_resources_with_status_and_links(client, paid_course, teacher):
    resource = ResourcePage.objects.descendant_of(paid_course).order_by("path").last()
    resource.title = "Changed title"
    resource.save_revision()
    client.force_login(teacher)
    response = client.get(curriculum_url(paid_course))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Section 1") < html.index("Resource 1.2") < html.index("Section 2")
    assert "Changed since published" in html and "Live" in html
    assert reverse("wagtailadmin_pages:edit", args=(resource.pk,)) in html
    assert reverse("wagtailadmin_pages:view_draft", args=(resource.pk,)) in html
    section = SectionPage.objects.child_of(paid_course).first()
    assert f"/admin/pages/add/courses/resourcepage/{section.pk}/" in html
    assert f"/admin/pages/add/courses/sectionpage/{paid_course.pk}/" in html


def test_another_instructor_is_refused_the_curriculum_and_its_actions(client, paid_course, other_teacher):
    client.force_login(other_teacher)
    section = SectionPage.objects.child_of(paid_course).last()
    assert client.get(curriculum_url(paid_course)).status_code == 403
    assert client.post(move_url(paid_course, section), {"direction": "up"}).status_code == 403
    assert client.post(reverse("course_builder:submit", args=(paid_course.pk,))).status_code == 403
    assert sections_of(paid_course) == ["Section 1", "Section 2"]


def test_moving_a_section_up_and_down_reorders_the_course(client, paid_course, teacher):
    client.force_login(teacher)
    second = SectionPage.objects.child_of(paid_course).last()
    assert client.post(move_url(paid_course, second), {"direction": "up"}).status_code == 302
    assert sections_of(paid_course) == ["Section 2", "Section 1"]
    assert client.post(move_url(paid_course, second), {"direction": "down"}).status_code == 302
    assert sections_of(paid_course) == ["Section 1", "Section 2"]


def test_moving_a_resource_keeps_it_in_its_section(client, paid_course, teacher):
    client.force_login(teacher)
    section = SectionPage.objects.child_of(paid_course).first()
    last = ResourcePage.objects.child_of(section).last()
    client.post(move_url(paid_course, last), {"direction": "up"})
    assert [p.title for p in ResourcePage.objects.child_of(section).order_by("path")] == [
        "Resource 1.2",
        "Resource 1.1",
    ]


@pytest.mark.parametrize(
    "direction, message", [("sideways", "Choose to move it up or down"), ("up", "It is already the first")]
)
def test_a_bad_move_is_explained_and_changes_nothing(client, paid_course, teacher, direction, message):
    client.force_login(teacher)
    first = SectionPage.objects.child_of(paid_course).first()
    response = client.post(move_url(paid_course, first), {"direction": direction}, follow=True)
    assert message in response.content.decode()
    assert sections_of(paid_course) == ["Section 1", "Section 2"]


def test_a_page_of_another_course_cannot_be_moved_through_this_one(client, paid_course, teacher):
    other = factories.build_course(title="Other", slug="other", owner=teacher)
    client.force_login(teacher)
    section = SectionPage.objects.child_of(other).last()
    response = client.post(move_url(paid_course, section), {"direction": "up"}, follow=True)
    assert "This page is not part of this course" in response.content.decode()
    assert sections_of(other) == ["Section 1", "Section 2"]


def test_moving_needs_a_post(client, paid_course, teacher):
    client.force_login(teacher)
    section = SectionPage.objects.child_of(paid_course).last()
    assert client.get(move_url(paid_course, section) + "?direction=up").status_code == 405
    assert sections_of(paid_course) == ["Section 1", "Section 2"]


@pytest.mark.parametrize("sections, per_section", [(2, 5), (10, 10)])
def test_the_curriculum_costs_the_same_queries_at_any_size(
    client, catalog, teacher, django_assert_max_num_queries, sections, per_section
):
    course = factories.build_course(sections=sections, resources_per_section=per_section, owner=teacher)
    client.force_login(teacher)
    client.get(curriculum_url(course))  # warm the per-process caches (content types, site)
    with django_assert_max_num_queries(41):
        assert client.get(curriculum_url(course)).status_code == 200


@pytest.mark.parametrize("courses", [2, 12])
def test_the_course_list_costs_the_same_queries_for_many_courses(
    client, catalog, teacher, django_assert_max_num_queries, courses
):
    for n in range(courses):
        factories.build_course(sections=1, resources_per_section=1, title=f"C{n}", slug=f"c{n}", owner=teacher)
    client.force_login(teacher)
    client.get(INDEX)
    with django_assert_max_num_queries(28):
        assert client.get(INDEX).status_code == 200


def test_the_course_editor_links_to_the_curriculum(client, paid_course, teacher):
    client.force_login(teacher)
    resource = ResourcePage.objects.descendant_of(paid_course).first()
    html = client.get(f"/admin/pages/{resource.pk}/edit/").content.decode()
    assert curriculum_url(paid_course) in html


def test_course_essentials_are_on_the_first_tab(client, paid_course, teacher):
    client.force_login(teacher)
    html = client.get(f"/admin/pages/{paid_course.pk}/edit/").content.decode()
    content_tab = html[html.index('id="tab-content"') : html.index('id="tab-settings"')]
    for name in ("price", "level", "category", "estimated_hours", "cover_image", "summary"):
        assert f'name="{name}"' in content_tab, name


def test_only_editors_moderators_and_admins_mark_a_course_featured(client, paid_course, teacher):
    from .test_authoring import course_form

    data = {**course_form(title="Paid course", slug="paid-course", price="49.00"), "featured": "on"}
    data["instructors"] = [str(teacher.pk)]
    client.force_login(teacher)
    html = client.get(f"/admin/pages/{paid_course.pk}/edit/").content.decode()
    assert 'name="featured"' in html and "disabled" in html[html.index('name="featured"') - 200 :][:400]
    assert client.post(f"/admin/pages/{paid_course.pk}/edit/", data).status_code == 302
    paid_course.refresh_from_db()
    assert paid_course.latest_revision.created_at and not paid_course.get_latest_revision_as_object().featured

    client.force_login(factories.moderator())
    assert client.post(f"/admin/pages/{paid_course.pk}/edit/", data).status_code == 302
    paid_course.refresh_from_db()
    assert paid_course.get_latest_revision_as_object().featured


def test_a_section_added_from_the_curriculum_returns_to_it(client, paid_course, teacher):
    from .test_authoring import section_form

    client.force_login(teacher)
    url = f"/admin/pages/add/courses/sectionpage/{paid_course.pk}/?next={curriculum_url(paid_course)}"
    response = client.post(url, section_form("Extras", "extras"))
    assert response.status_code == 302 and response["Location"] == curriculum_url(paid_course)
    assert sections_of(paid_course) == ["Section 1", "Section 2", "Extras"]
    assert not SectionPage.objects.get(slug="extras").live
