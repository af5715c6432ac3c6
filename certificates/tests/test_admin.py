"""Issuing by hand and revoking, in the admin, for administrators and the course's
instructors."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import UserFactory
from courses.learning.enrollment import Source, enroll

from ..models import Certificate
from .factories import certificate_of, complete_course

pytestmark = pytest.mark.django_db

ISSUE_URL = "certificates_admin:add"


def issue(client, student, course, reason=""):
    return client.post(reverse(ISSUE_URL), {"email": student.email, "course": course.pk, "override_reason": reason})


@pytest.fixture
def finished(student, free_course):
    """Completed before certificates existed (no certificate yet)."""
    complete_course(student, free_course)
    Certificate.objects.all().delete()
    return student


def test_instructor_lists_the_certificates_of_their_courses_only(client, completed, teacher, other_teacher):
    client.force_login(teacher)
    assert "A Student" in client.get(reverse("certificates_admin:index")).content.decode()
    client.force_login(other_teacher)
    assert "A Student" not in client.get(reverse("certificates_admin:index")).content.decode()


def test_instructor_issues_a_certificate_when_the_rules_are_met(client, finished, free_course, teacher):
    client.force_login(teacher)
    response = issue(client, finished, free_course)
    certificate = certificate_of(finished, free_course)
    assert response.status_code == 302
    assert certificate.issued_by == teacher
    assert certificate.override_reason == ""


def test_an_incomplete_enrollment_needs_an_override(client, student, free_course, teacher):
    enroll(student, free_course, Source.FREE)
    client.force_login(teacher)
    response = issue(client, student, free_course)
    assert response.status_code == 200
    assert "has not completed every requirement" in response.content.decode()
    assert not Certificate.objects.exists()


def test_an_override_records_who_and_why(client, student, free_course, teacher):
    enroll(student, free_course, Source.FREE)
    client.force_login(teacher)
    issue(client, student, free_course, reason="Finished the course on paper during the outage")
    certificate = certificate_of(student, free_course)
    assert certificate.issued_by == teacher
    assert certificate.override_reason == "Finished the course on paper during the outage"


def test_an_auditor_is_refused_without_an_override(client, student, paid_course, teacher):
    paid_course.audit_allowed = True
    paid_course.save_revision().publish()
    complete_course(student, paid_course, source=Source.AUDIT)
    client.force_login(teacher)
    response = issue(client, student, paid_course)
    assert "auditors do not receive certificates" in response.content.decode()
    assert not Certificate.objects.exists()


def test_an_instructor_cannot_issue_for_another_course(client, finished, free_course, other_teacher):
    client.force_login(other_teacher)
    response = issue(client, finished, free_course, reason="please")
    assert response.status_code in (200, 403)
    assert not Certificate.objects.exists()


def test_a_student_cannot_reach_the_issue_form(client, finished, free_course):
    client.force_login(finished)
    response = issue(client, finished, free_course, reason="me")
    assert response.status_code in (302, 403)
    assert not Certificate.objects.exists()


def test_an_unknown_email_is_a_form_error(client, finished, free_course, teacher):
    client.force_login(teacher)
    response = client.post(reverse(ISSUE_URL), {"email": "nobody@example.org", "course": free_course.pk})
    assert "No account uses this e-mail address." in response.content.decode()


def test_a_second_certificate_is_refused(client, completed, free_course, teacher):
    client.force_login(teacher)
    response = issue(client, completed, free_course, reason="again")
    assert "already has a certificate" in response.content.decode()
    assert Certificate.objects.count() == 1


def test_revoking_needs_a_reason_and_emails_the_holder(
    client, completed, free_course, teacher, django_capture_on_commit_callbacks
):
    certificate = certificate_of(completed, free_course)
    url = reverse("certificates_admin:manage", args=[certificate.pk])
    client.force_login(teacher)
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 200
    certificate.refresh_from_db()
    assert not certificate.is_revoked
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "The final project was copied."})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.is_revoked and certificate.revoked_by == teacher
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [completed.email]
    assert "The final project was copied." in mail.outbox[0].body


def test_another_instructor_cannot_revoke(client, completed, free_course, other_teacher):
    certificate = certificate_of(completed, free_course)
    client.force_login(other_teacher)
    response = client.post(reverse("certificates_admin:manage", args=[certificate.pk]), {"reason": "x"})
    assert response.status_code == 403
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_an_administrator_manages_every_certificate(client, completed, free_course):
    certificate = certificate_of(completed, free_course)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(reverse("certificates_admin:manage", args=[certificate.pk]))
    assert response.status_code == 200
    assert certificate.display_code in response.content.decode()
