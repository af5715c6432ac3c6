"""Authoring in the Wagtail admin, through its own URLs: instructors build and publish
their courses and cannot touch another instructor's."""

import pytest
import wagtail_factories
from wagtail.models import Page, Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from courses.models import CoursePage, ResourcePage, SectionPage

from . import factories

pytestmark = pytest.mark.django_db


def course_form(**overrides):
    data = {
        "title": "Cooking with rice",
        "slug": "cooking-with-rice",
        "summary": "Rice, twelve ways.",
        "description": rich_text("<p>All about rice.</p>"),
        "level": "beginner",
        "language": "en",
        "price": "0",
        "estimated_hours": "2",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def section_form(title="Basics", slug="basics"):
    return nested_form_data({"title": title, "slug": slug, "introduction": "", "comments": inline_formset([])})


def resource_form(title="Boiling", slug="boiling", **overrides):
    data = {
        "title": title,
        "slug": slug,
        "requirement": "required",
        "alternative_group": "",
        "estimated_minutes": "5",
        "body": streamfield([("markdown", "Use **plenty** of water.")]),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(model, parent):
    return f"/admin/pages/add/courses/{model}/{parent.pk}/"


def test_instructor_creates_a_course_with_sections_and_resources_and_publishes_it(client, catalog, teacher):
    """With the "Course review" workflow switched off (with it on, see test_publish_review)."""
    Workflow.objects.update(active=False)  # "Course review" and Wagtail's default one
    client.force_login(teacher)
    form = {**course_form(), "instructors": [str(teacher.pk)], "action-publish": "publish"}
    response = client.post(add_url("coursepage", catalog), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    course = CoursePage.objects.get(slug="cooking-with-rice")
    assert course.live and course.owner == teacher
    assert list(course.instructors.all()) == [teacher]
    assert course.collection is not None and course.collection.get_parent().name == "Courses"

    assert client.post(add_url("sectionpage", course), {**section_form(), "action-publish": "1"}).status_code == 302
    section = SectionPage.objects.get(slug="basics")
    assert client.post(add_url("resourcepage", section), {**resource_form(), "action-publish": "1"}).status_code == 302
    resource = ResourcePage.objects.get(slug="boiling")
    assert resource.live and resource.kind == "text"
    assert client.get(f"/admin/pages/{resource.pk}/edit/").status_code == 200


def test_new_course_form_lists_the_author_as_instructor(client, catalog, teacher):
    client.force_login(teacher)
    response = client.get(add_url("coursepage", catalog))
    assert response.status_code == 200
    assert response.context["form"].initial["instructors"] == [teacher.pk]


def test_instructor_edits_and_previews_their_course(client, paid_course, teacher):
    client.force_login(teacher)
    resource = ResourcePage.objects.descendant_of(paid_course).order_by("path")[1]
    assert client.get(f"/admin/pages/{paid_course.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{resource.pk}/edit/").status_code == 200
    preview_url = f"/admin/pages/{resource.pk}/edit/preview/"
    data = resource_form(title="Draft title", slug=resource.slug)
    assert client.post(preview_url, data).json()["is_valid"]
    preview = client.get(preview_url)
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Draft title" in html and "plenty" in html
    assert "Course outline" in html and "Section 2" in html


def test_instructor_cannot_edit_another_instructors_course(client, paid_course, other_teacher):
    client.force_login(other_teacher)
    section = paid_course.get_children().first()
    resource = ResourcePage.objects.descendant_of(paid_course).first()
    for page in (paid_course, section, resource):
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code in (302, 403)
    assert client.get(add_url("sectionpage", paid_course)).status_code in (302, 403)
    response = client.post(f"/admin/pages/{paid_course.pk}/unpublish/", {})
    assert response.status_code in (302, 403)
    paid_course.refresh_from_db()
    assert paid_course.live
    assert client.post(f"/admin/pages/{resource.pk}/delete/").status_code in (302, 403)
    assert Page.objects.filter(pk=resource.pk).exists()


def test_a_co_instructor_edits_sections_created_by_the_owner(client, paid_course, other_teacher):
    paid_course.instructors.add(other_teacher)
    paid_course.save()
    client.force_login(other_teacher)
    section = paid_course.get_children().first()
    resource = ResourcePage.objects.descendant_of(paid_course).first()
    assert client.get(f"/admin/pages/{section.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{resource.pk}/edit/").status_code == 200


def test_a_student_cannot_enter_the_admin(client, paid_course, student):
    client.force_login(student)
    assert client.get(f"/admin/pages/{paid_course.pk}/edit/").status_code in (302, 403)


def test_duplicate_slug_gets_an_editor_error_and_saves_nothing(client, paid_course, teacher):
    client.force_login(teacher)
    section = paid_course.get_children().first()
    taken = section.get_children().first().slug
    before = ResourcePage.objects.count()
    response = client.post(add_url("resourcepage", section), resource_form(title="Copy", slug=taken))
    assert response.status_code == 200
    assert "already in use" in response.content.decode()
    assert ResourcePage.objects.count() == before


def test_alternative_resource_without_a_group_gets_an_editor_error(client, paid_course, teacher):
    client.force_login(teacher)
    section = paid_course.get_children().first()
    before = ResourcePage.objects.count()
    response = client.post(add_url("resourcepage", section), resource_form(requirement="alternative"))
    assert response.status_code == 200
    assert "An alternative resource needs a group" in response.content.decode()
    assert ResourcePage.objects.count() == before


def test_section_cannot_be_created_outside_a_course(client, catalog):
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(add_url("sectionpage", catalog)).status_code in (302, 403)
    assert SectionPage.can_create_at(catalog) is False
    assert ResourcePage.can_create_at(catalog) is False


def test_course_review_workflow_is_on_for_courses_by_default(paid_course):
    workflow = paid_course.get_workflow()
    assert workflow is not None and workflow.name == "Course review" and workflow.active
    task = workflow.tasks.get().specific
    assert [g.name for g in task.groups.all()] == ["Moderators"]


def test_instructor_submits_a_course_for_moderation(client, paid_course, teacher):
    """The course is submitted whole ("Submit course for review", test_course_review)."""
    client.force_login(teacher)
    response = client.post(
        f"/admin/pages/{paid_course.pk}/edit/",
        {
            **course_form(title="Paid course v2", slug=paid_course.slug, price="49.00"),
            "cover_image": str(wagtail_factories.ImageFactory().pk),
            "instructors": [str(teacher.pk)],
            "action-submit-course": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    paid_course.refresh_from_db()
    assert paid_course.workflow_in_progress
    assert paid_course.title == "Paid course"  # not published until a moderator approves


def test_an_admin_can_switch_the_workflow_off(paid_course):
    """Settings → Workflows → Course review → Disable: courses fall back to Wagtail's
    site-wide default (if any) instead of the course review."""
    Workflow.objects.filter(name="Course review").update(active=False)
    workflow = paid_course.get_workflow()
    assert workflow is None or workflow.name != "Course review"
