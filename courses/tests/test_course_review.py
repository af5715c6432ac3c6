"""Whole-course review: an instructor submits the course once, a moderator approves it
once and the course goes live with its sections and resources; the publish checklist
blocks a course that is not ready; nothing is published below an unpublished page."""

import pytest
import wagtail_factories
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from courses.models import CoursePage, CourseSubmission, ResourcePage, SectionPage

from . import factories
from .test_authoring import add_url, resource_form, section_form

pytestmark = pytest.mark.django_db


def submit_url(course):
    return reverse("course_builder:submit", args=(course.pk,))


def curriculum_url(course):
    return reverse("course_builder:curriculum", args=(course.pk,))


@pytest.fixture
def draft_course(catalog, teacher):
    """A new course, never published: two sections, three resources, a cover image."""
    course = factories.build_course(
        sections=2, resources_per_section=0, title="Draft course", slug="draft-course", owner=teacher, live=False
    )
    course.cover_image = wagtail_factories.ImageFactory()
    course.instructors.add(teacher)
    course.save()
    course.save_revision(user=teacher)
    sections = list(SectionPage.objects.child_of(course).order_by("path"))
    for section in sections:
        Page.objects.filter(pk=section.pk).update(live=False)
    for n, section in enumerate([sections[0], sections[0], sections[1]]):
        factories.ResourcePageFactory(parent=section, title=f"Lesson {n + 1}", live=False)
    return CoursePage.objects.get(pk=course.pk)


def approve(client, course, moderator):
    client.force_login(moderator)
    task_state = course.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(course.pk, "approve", task_state.pk))
    return client.post(url, {"comment": "", "next": curriculum_url(course)})


def test_an_instructor_submits_the_whole_course_in_one_action(client, draft_course, teacher):
    client.force_login(teacher)
    response = client.post(submit_url(draft_course), follow=True)
    assert "was submitted for review with 5 changed sections and resources" in response.content.decode()
    state = WorkflowState.objects.get(object_id=str(draft_course.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    submission = CourseSubmission.objects.get(workflow_state=state)
    assert submission.pages.count() == 5  # two sections, three lessons: one review item for all
    assert WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).count() == 1
    assert not Page.objects.descendant_of(draft_course, inclusive=True).filter(live=True).exists()
    assert "In review" in client.get(curriculum_url(draft_course)).content.decode()


def test_submitting_twice_is_refused(client, draft_course, teacher):
    client.force_login(teacher)
    client.post(submit_url(draft_course))
    response = client.post(submit_url(draft_course), follow=True)
    assert "already in review" in response.content.decode()
    assert CourseSubmission.objects.count() == 1


def test_the_moderator_sees_the_submitted_pages_with_previews(client, draft_course, teacher):
    client.force_login(teacher)
    client.post(submit_url(draft_course))
    client.force_login(factories.moderator())
    html = client.get(curriculum_url(draft_course)).content.decode()
    lesson = ResourcePage.objects.get(title="Lesson 3")
    assert "In this review" in html and "Approve and publish the course" in html
    assert reverse("wagtailadmin_pages:view_draft", args=(lesson.pk,)) in html
    assert client.get(reverse("wagtailadmin_pages:view_draft", args=(lesson.pk,))).status_code == 200


def test_approving_publishes_the_whole_course(client, draft_course, teacher):
    client.force_login(teacher)
    client.post(submit_url(draft_course))
    assert approve(client, draft_course, factories.moderator()).status_code == 302
    pages = Page.objects.descendant_of(draft_course, inclusive=True)
    assert pages.count() == 6 and not pages.filter(live=False).exists()
    assert client.get(draft_course.url).status_code == 200
    assert client.get(ResourcePage.objects.get(title="Lesson 3").url).status_code in (200, 302)


def test_approving_publishes_what_was_submitted_not_later_edits(client, draft_course, teacher):
    client.force_login(teacher)
    client.post(submit_url(draft_course))
    lesson = ResourcePage.objects.get(title="Lesson 1")
    lesson.title = "Edited after submitting"
    lesson.save_revision(user=teacher)
    approve(client, draft_course, factories.moderator())
    lesson.refresh_from_db()
    assert lesson.live and lesson.title == "Lesson 1" and lesson.has_unpublished_changes


def test_rejecting_returns_the_course_with_the_comment(client, draft_course, teacher):
    client.force_login(teacher)
    client.post(submit_url(draft_course))
    client.force_login(factories.moderator())
    task_state = draft_course.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(draft_course.pk, "reject", task_state.pk))
    assert client.post(url, {"comment": "Lesson 2 needs a video."}).status_code == 302
    assert not Page.objects.descendant_of(draft_course, inclusive=True).filter(live=True).exists()
    client.force_login(teacher)
    html = client.get(curriculum_url(draft_course)).content.decode()
    assert "asked for changes" in html and "Lesson 2 needs a video." in html
    # and the instructor can submit again
    response = client.post(submit_url(draft_course), follow=True)
    assert "was submitted for review" in response.content.decode()


def test_the_checklist_blocks_an_empty_course(client, catalog, teacher):
    course = factories.build_course(sections=0, title="Empty", slug="empty", owner=teacher, live=False)
    course.summary = ""
    course.save()
    client.force_login(teacher)
    html = client.get(curriculum_url(course)).content.decode()
    assert "aula-checklist__item--missing" in html
    response = client.post(submit_url(course), follow=True)
    text = response.content.decode()
    assert "cannot go live yet" in text
    for missing in ("A summary for the catalog", "A cover image", "At least one resource"):
        assert missing in text
    assert not CourseSubmission.objects.exists()
    assert not WorkflowState.objects.exists()


def test_the_checklist_needs_every_required_resource(client, draft_course, teacher):
    """Resources left out of the review (not the case here) would block; a required draft
    resource counts once it goes in the same review."""
    from courses.course_review import missing_for_publishing

    assert missing_for_publishing(draft_course) == [
        "At least one resource",
        "Every required resource live or in this review",
    ]
    batch = ResourcePage.objects.descendant_of(draft_course).values_list("pk", flat=True)
    assert missing_for_publishing(draft_course, batch) == []


def test_an_instructor_cannot_publish_through_the_builder_or_bulk_actions(client, draft_course, teacher):
    client.force_login(teacher)
    html = client.get(curriculum_url(draft_course)).content.decode()
    assert "Approve" not in html and 'name="action-publish"' not in html
    lesson = ResourcePage.objects.get(title="Lesson 1")
    bulk = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    client.post(f"{bulk}?id={lesson.pk}&id={draft_course.pk}", {})
    assert not Page.objects.filter(pk__in=[lesson.pk, draft_course.pk], live=True).exists()


def test_an_instructor_cannot_approve_their_own_course(client, draft_course, teacher):
    client.force_login(teacher)
    client.post(submit_url(draft_course))
    approve(client, draft_course, teacher)
    assert not CoursePage.objects.get(pk=draft_course.pk).live


def test_nothing_is_published_below_an_unpublished_section(client, paid_course):
    section = SectionPage.objects.child_of(paid_course).first()
    section.unpublish()
    resource = ResourcePage.objects.child_of(section).first()
    client.force_login(factories.UserFactory(is_superuser=True))
    data = {**resource_form(title="Orphan", slug=resource.slug), "action-publish": "1"}
    client.post(f"/admin/pages/{resource.pk}/edit/", data)
    resource.refresh_from_db()
    assert resource.live is False or resource.title != "Orphan"
    assert not ResourcePage.objects.filter(pk=resource.pk, live=True, title="Orphan").exists()
    response = client.post(add_url("resourcepage", section), {**resource_form(slug="new-one"), "action-publish": "1"})
    assert response.status_code == 302
    assert not ResourcePage.objects.get(slug="new-one").live


def test_a_moderator_cannot_publish_a_course_that_fails_the_checklist(client, catalog, teacher):
    course = factories.build_course(sections=1, title="No cover", slug="no-cover", owner=teacher, live=False)
    client.force_login(factories.moderator())
    html = client.get(f"/admin/pages/{course.pk}/edit/").content.decode()
    assert 'name="action-publish"' not in html
    client.post(f"/admin/pages/{course.pk}/edit/", {**section_form("No cover", "no-cover"), "action-publish": "1"})
    assert not CoursePage.objects.get(pk=course.pk).live


def test_approving_a_course_that_no_longer_passes_the_checklist_is_refused_with_a_message(
    client, draft_course, teacher
):
    client.force_login(teacher)
    client.post(submit_url(draft_course))
    course = CoursePage.objects.get(pk=draft_course.pk)
    course.cover_image = None
    course.save_revision()  # a moderator's edit while it is in review
    client.force_login(factories.moderator())
    task_state = course.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(course.pk, "approve", task_state.pk))
    response = client.post(url, {"comment": ""}, HTTP_REFERER=curriculum_url(course), follow=True)
    assert response.status_code == 200
    assert "cannot go live yet" in response.content.decode() and "A cover image" in response.content.decode()
    assert not Page.objects.descendant_of(course, inclusive=True).filter(live=True).exists()
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_IN_PROGRESS


def test_the_course_editor_submits_the_whole_course(client, draft_course, teacher):
    from .test_authoring import course_form

    client.force_login(teacher)
    html = client.get(f"/admin/pages/{draft_course.pk}/edit/").content.decode()
    assert 'name="action-submit-course"' in html and 'name="action-publish"' not in html
    data = {
        **course_form(title="Draft course, edited", slug="draft-course"),
        "cover_image": str(draft_course.cover_image_id),
        "instructors": [str(teacher.pk)],
        "action-submit-course": "1",
    }
    response = client.post(f"/admin/pages/{draft_course.pk}/edit/", data)
    assert response.status_code == 302 and response["Location"] == curriculum_url(draft_course)
    submission = CourseSubmission.objects.get()
    assert submission.pages.count() == 5
    assert submission.course.get_latest_revision_as_object().title == "Draft course, edited"


def test_bulk_publish_works_for_an_administrator_and_not_for_an_instructor(client, paid_course, teacher):
    """The same bulk action: refused to the instructor, done for an administrator (so the
    refusal above is the rule, not a broken URL)."""
    lesson = ResourcePage.objects.descendant_of(paid_course).first()
    lesson.title = "Draft change"
    lesson.save_revision()
    bulk = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    client.force_login(teacher)
    client.post(f"{bulk}?id={lesson.pk}", {})
    assert ResourcePage.objects.get(pk=lesson.pk).title != "Draft change"
    client.force_login(factories.UserFactory(is_superuser=True))
    client.post(f"{bulk}?id={lesson.pk}", {})
    assert ResourcePage.objects.get(pk=lesson.pk).title == "Draft change"
