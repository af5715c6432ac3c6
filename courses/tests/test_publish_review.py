"""While the "Course review" workflow is on, an instructor submits and never publishes:
the editor shows no Publish, and a forged "action-publish" saves a draft only."""

import pytest
from wagtail.models import Workflow

from courses.models import CoursePage, ResourcePage

from . import factories
from .test_authoring import add_url, course_form, resource_form

pytestmark = pytest.mark.django_db


def edit(client, page, data):
    return client.post(f"/admin/pages/{page.pk}/edit/", data)


def test_the_editor_offers_instructors_no_publish_while_review_is_on(client, paid_course, teacher):
    client.force_login(teacher)
    resource = ResourcePage.objects.descendant_of(paid_course).order_by("path")[1]
    html = client.get(f"/admin/pages/{resource.pk}/edit/").content.decode()
    assert 'name="action-submit"' in html and 'name="action-publish"' not in html
    # The course itself is submitted whole, with its changed pages (test_course_review).
    html = client.get(f"/admin/pages/{paid_course.pk}/edit/").content.decode()
    assert 'name="action-submit-course"' in html and 'name="action-publish"' not in html
    assert 'name="action-submit"' not in html


def test_a_forged_publish_by_an_instructor_only_saves_a_draft(client, paid_course, teacher):
    client.force_login(teacher)
    resource = ResourcePage.objects.descendant_of(paid_course).order_by("path")[1]
    data = {**resource_form(title="Now free", slug=resource.slug, free_preview="on"), "action-publish": "1"}
    assert edit(client, resource, data).status_code == 302
    resource.refresh_from_db()
    assert resource.title != "Now free" and not resource.free_preview
    assert resource.has_unpublished_changes


def test_an_instructor_cannot_publish_a_new_course_in_one_go(client, catalog, teacher):
    client.force_login(teacher)
    form = {**course_form(), "instructors": [str(teacher.pk)], "action-publish": "publish"}
    assert 'name="action-publish"' not in client.get(add_url("coursepage", catalog)).content.decode()
    assert client.post(add_url("coursepage", catalog), form).status_code == 302
    assert not CoursePage.objects.get(slug="cooking-with-rice").live


def test_an_instructor_cannot_unpublish_while_review_is_on(client, paid_course, teacher):
    client.force_login(teacher)
    client.post(f"/admin/pages/{paid_course.pk}/unpublish/", {})
    paid_course.refresh_from_db()
    assert paid_course.live


def test_instructors_publish_again_when_the_workflow_is_off(client, paid_course, teacher):
    Workflow.objects.update(active=False)  # "Course review" and Wagtail's default one
    client.force_login(teacher)
    resource = ResourcePage.objects.descendant_of(paid_course).order_by("path")[1]
    assert 'name="action-publish"' in client.get(f"/admin/pages/{resource.pk}/edit/").content.decode()
    data = {**resource_form(title="Published", slug=resource.slug), "action-publish": "1"}
    assert edit(client, resource, data).status_code == 302
    resource.refresh_from_db()
    assert resource.title == "Published"


def test_moderators_still_publish_while_review_is_on(client, paid_course):
    client.force_login(factories.moderator())
    resource = ResourcePage.objects.descendant_of(paid_course).order_by("path")[1]
    data = {**resource_form(title="Moderated", slug=resource.slug), "action-publish": "1"}
    assert edit(client, resource, data).status_code == 302
    resource.refresh_from_db()
    assert resource.title == "Moderated"
