"""Moderators: the dashboard's review item for a course opens the course review (the
curriculum view), approving or requesting changes says what happened, and Wagtail's
workflow e-mails link to the site's address (WAGTAILADMIN_BASE_URL from SITE_URL)."""

import os
import subprocess
import sys

import pytest
import wagtail_factories
from django.conf import settings as django_settings
from django.core import mail
from django.urls import reverse

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(client, teacher, django_capture_on_commit_callbacks):
    course = factories.build_course(
        sections=1, resources_per_section=1, title="Botany", slug="botany", owner=teacher, live=False
    )
    course.cover_image = wagtail_factories.ImageFactory()
    course.instructors.add(teacher)
    course.save()
    course.save_revision(user=teacher)
    moderator = factories.moderator(email="mod@example.com")
    client.force_login(teacher)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("course_builder:submit", args=(course.pk,)))
    assert course.current_workflow_task_state is not None
    return course, moderator


def review_url(course):
    return reverse("course_builder:curriculum", args=(course.pk,))


def action_url(course, action):
    task_state = course.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=(course.pk, action, task_state.pk))


def test_the_dashboards_review_item_opens_the_course_review(client, catalog, submitted):
    course, moderator = submitted
    client.force_login(moderator)
    html = client.get("/admin/").content.decode()
    panel = html[html.index('id="awaiting-review-section"') :]
    assert f'<a href="{review_url(course)}">Botany</a>' in panel
    assert "Review the course" in panel
    assert reverse("wagtailadmin_pages:edit", args=(course.pk,)) + '" title="Edit"' not in panel
    assert client.get(review_url(course)).status_code == 200


def test_approving_from_the_review_says_the_course_is_live(client, catalog, submitted):
    course, moderator = submitted
    client.force_login(moderator)
    response = client.post(action_url(course, "approve"), {"comment": "", "next": review_url(course)}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0].endswith(review_url(course))
    assert "“Botany” was approved: the course and its" in html and "submitted pages are live." in html
    course.refresh_from_db()
    assert course.live


def test_requesting_changes_says_the_instructors_are_told(client, catalog, submitted):
    course, moderator = submitted
    client.force_login(moderator)
    response = client.post(
        action_url(course, "reject"), {"comment": "Add a summary", "next": review_url(course)}, follow=True
    )
    assert "Changes were requested: the instructors of “Botany” are told." in response.content.decode()
    course.refresh_from_db()
    assert not course.live


def test_a_refused_approval_claims_no_success(client, catalog, submitted):
    """The checklist fails at approval (the cover image went away): an error, nothing live."""
    course, moderator = submitted
    revision = course.get_latest_revision()
    revision.content["cover_image"] = None
    revision.save()
    client.force_login(moderator)
    response = client.post(action_url(course, "approve"), {"comment": "", "next": review_url(course)}, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "was approved" not in html and "A cover image" in html
    course.refresh_from_db()
    assert not course.live


def test_the_submission_email_links_to_the_sites_address(client, catalog, teacher, settings, mailoutbox):
    settings.SITE_URL = "https://learn.example.org"
    settings.WAGTAILADMIN_BASE_URL = settings.SITE_URL
    mail.outbox.clear()
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        course = factories.build_course(sections=1, title="Botany", slug="botany", owner=teacher, live=False)
        course.cover_image = wagtail_factories.ImageFactory()
        course.save()
        course.save_revision(user=teacher)
        factories.moderator(email="mod@example.com")
        client.force_login(teacher)
        client.post(reverse("course_builder:submit", args=(course.pk,)))
    (message,) = [m for m in mail.outbox if m.to == ["mod@example.com"]]
    assert "https://learn.example.org/admin/" in message.body
    assert "localhost" not in message.body and "127.0.0.1" not in message.body


def test_the_admin_base_url_comes_from_the_site_url_setting():
    """Read by a fresh process from the environment, as the server reads it."""
    code = "from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)"
    env = {**os.environ, "SITE_URL": "https://school.example.org/", "DJANGO_SETTINGS_MODULE": "lms_site.settings.base"}
    env.pop("PYTEST_XDIST_WORKER", None)
    output = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=env, capture_output=True, text=True, check=True, cwd=django_settings.BASE_DIR,
    ).stdout  # fmt: skip
    assert output.strip() == "https://school.example.org"
