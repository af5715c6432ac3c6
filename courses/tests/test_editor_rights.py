"""Editors' rights on courses: they never publish, unpublish, move or delete a course,
section or resource (courses go live through the course review), and they mark a course
featured from the editor, which puts that flag live at once. Their pages (home, standard
pages) they still publish."""

import pytest
from django.urls import reverse

from accounts.roles import EDITORS, MODERATORS
from courses.models import ResourcePage
from home.models import HomePage

from . import factories
from .test_authoring import course_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    return factories.UserFactory(groups=[EDITORS])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def form(teacher, **extra):
    data = {**course_form(title="Paid course", slug="paid-course", price="49.00"), **extra}
    data["instructors"] = [str(teacher.pk)]
    return data


def test_the_editor_offers_an_editor_no_publish_on_a_course(client, editor, paid_course):
    client.force_login(editor)
    html = client.get(edit_url(paid_course)).content.decode()
    assert 'name="action-publish"' not in html
    perms = paid_course.permissions_for_user(editor)
    assert not perms.can_publish() and not perms.can_unpublish()
    assert not perms.can_delete() and not perms.can_move()
    resource = ResourcePage.objects.descendant_of(paid_course).first()
    assert not resource.specific.permissions_for_user(editor).can_publish()


def test_an_editors_publish_attempt_is_refused_with_the_reason(client, editor, paid_course, teacher):
    client.force_login(editor)
    before = paid_course.latest_revision_id
    data = {**form(teacher, title="Renamed"), "action-publish": "1"}
    response = client.post(edit_url(paid_course), data, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Editors do not publish or unpublish courses: a course goes live when a moderator approves" in html
    paid_course.refresh_from_db()
    assert paid_course.title == "Paid course" and paid_course.latest_revision_id == before  # nothing saved


def test_an_editors_unpublish_is_refused(client, editor, paid_course):
    client.force_login(editor)
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=(paid_course.pk,)), follow=True)
    assert response.status_code == 200
    paid_course.refresh_from_db()
    assert paid_course.live


def test_an_editor_features_a_course_and_it_is_live_at_once(client, editor, paid_course, teacher):
    assert not paid_course.featured
    client.force_login(editor)
    response = client.post(edit_url(paid_course), form(teacher, featured="on", summary="Changed"), follow=True)
    assert "“Paid course” is featured in the catalog now." in response.content.decode()
    paid_course.refresh_from_db()
    assert paid_course.featured  # live
    assert paid_course.summary != "Changed"  # the rest stays a draft for the review
    assert paid_course.get_latest_revision_as_object().featured  # and the draft keeps the flag

    response = client.post(edit_url(paid_course), form(teacher), follow=True)
    assert "is no longer featured in the catalog." in response.content.decode()
    paid_course.refresh_from_db()
    assert not paid_course.featured


def test_a_moderator_who_is_also_an_editor_keeps_a_moderators_rights(paid_course):
    both = factories.UserFactory(groups=[EDITORS, MODERATORS])
    assert paid_course.permissions_for_user(both).can_unpublish()


def test_editors_still_publish_their_own_pages(editor):
    home = HomePage.objects.first()
    assert home.permissions_for_user(editor).can_publish()
