"""Wagtail's own e-mails (the review workflow) go through notify(): in the recipient's
language, with links on the site's address (not the Wagtail Site's ``localhost``), stored
in the notification centre too. Fails loudly when a Wagtail upgrade moves these seams."""

import pytest
import wagtail_factories
from django.core import mail
from django.urls import reverse

from courses.tests import factories
from notifications.models import Notification


@pytest.fixture
def teacher(db):
    return factories.instructor(display_name="Teacher One", email="teacher@example.com")


@pytest.fixture
def submitted(client, teacher, django_capture_on_commit_callbacks):
    factories.catalog()
    course = factories.build_course(
        sections=1, resources_per_section=1, title="Botany", slug="botany", owner=teacher, live=False
    )
    course.cover_image = wagtail_factories.ImageFactory()
    course.instructors.add(teacher)
    course.save()
    course.save_revision(user=teacher)
    moderator = factories.moderator()
    client.force_login(teacher)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("course_builder:submit", args=(course.pk,)))
    return course, moderator


def test_moderators_are_told_of_a_submission(submitted):
    _course, moderator = submitted
    told = Notification.objects.filter(recipient=moderator, kind="notifications.review_submitted")
    assert told.count() == 1
    assert moderator.email in [m.to[0] for m in mail.outbox]


def test_the_approval_email_links_to_the_sites_address(
    client, submitted, teacher, settings, django_capture_on_commit_callbacks
):
    course, moderator = submitted
    settings.SITE_URL = "https://aula.example.org"
    teacher.language = "es"
    teacher.save()
    mail.outbox.clear()
    client.force_login(moderator)
    task_state = course.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(course.pk, "approve", task_state.pk))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"comment": ""}).status_code == 302
    (message,) = [m for m in mail.outbox if m.to == [teacher.email]]
    assert "localhost" not in message.body
    assert "https://aula.example.org/" in message.body
    assert "aprobad" in message.subject.lower()  # Wagtail's Spanish
    assert Notification.objects.filter(recipient=teacher, kind="notifications.review_approved").exists()


def test_wagtail_still_has_the_seams_we_replace():
    from wagtail.admin.views.pages import edit
    from wagtail.signals import workflow_approved

    from notifications import admin_mail

    assert edit.send_notification is admin_mail.send_notification
    uids = [key[0] for key, _receiver, *_rest in workflow_approved.receivers]
    assert "workflow_state_approved_email_notification" not in uids
    assert "aula-workflow_state_approved_email_notification" in uids
