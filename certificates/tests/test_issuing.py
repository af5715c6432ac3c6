from decimal import Decimal

import pytest
from django.core import mail

from courses.learning.enrollment import Source, enroll
from courses.learning.progress import mark_complete
from courses.models import ResourcePage

from ..issuing import issue_if_complete
from ..models import Certificate
from .factories import certificate_of, complete_course

pytestmark = pytest.mark.django_db


def test_completing_a_course_issues_one_certificate(completed, free_course):
    certificate = certificate_of(completed, free_course)
    assert certificate is not None
    assert certificate.holder_name == "A Student"
    assert certificate.title == "Free course"
    assert certificate.language == "en"
    assert certificate.instructor_names == ["Teacher One"]
    assert Certificate.objects.count() == 1


def test_certificate_snapshots_title_and_duration_at_issue(completed, free_course):
    from courses.duration import measured_course_seconds

    seconds = measured_course_seconds(free_course)  # its resources' (5 min each)
    free_course.title = "Renamed course"
    free_course.estimated_hours = Decimal("40")
    free_course.save_revision().publish()
    certificate = certificate_of(completed, free_course)
    assert seconds > 0
    assert (certificate.title, certificate.duration_seconds) == ("Free course", seconds)
    assert certificate.hours == (Decimal(seconds) / 3600).quantize(Decimal("0.1"))


def test_issuing_again_changes_nothing(completed, free_course):
    first = certificate_of(completed, free_course)
    again = issue_if_complete(completed, free_course)
    assert again.pk == first.pk
    assert Certificate.objects.count() == 1


def test_incomplete_enrollment_gets_no_certificate(student, free_course):
    enroll(student, free_course, Source.FREE)
    mark_complete(student, ResourcePage.objects.descendant_of(free_course).first())
    assert issue_if_complete(student, free_course) is None
    assert not Certificate.objects.exists()


def test_auditor_never_gets_a_certificate(student, paid_course):
    paid_course.audit_allowed = True
    paid_course.save_revision().publish()
    complete_course(student, paid_course, source=Source.AUDIT)
    assert issue_if_complete(student, paid_course) is None
    assert not Certificate.objects.exists()


def test_holder_is_emailed_when_the_pdf_is_ready(completed, free_course):
    certificate = certificate_of(completed, free_course)
    assert certificate.pdf.name.endswith(".pdf")
    assert certificate.notified_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [completed.email]
    assert "Free course" in message.subject
    assert certificate.get_absolute_url() in message.body
    assert certificate.display_code in message.body


def _spanish_course(free_course):
    from .test_templates import translate_course

    spanish_course = translate_course(free_course, "es")
    spanish_course.title = "Curso gratuito"
    spanish_course.save_revision().publish()
    return spanish_course


def test_the_ready_email_is_in_the_language_the_course_was_taken_in(
    student, free_course, locales, django_capture_on_commit_callbacks
):
    spanish_course = _spanish_course(free_course)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        complete_course(student, spanish_course)
    certificate = certificate_of(student, free_course)
    (message,) = mail.outbox
    assert message.subject == "Tu certificado de «Curso gratuito» está listo"
    assert f"/es/certificates/{certificate.display_code}/" in message.body


def test_the_ready_email_follows_the_language_the_learner_chose_for_emails(
    student, free_course, locales, django_capture_on_commit_callbacks
):
    spanish_course = _spanish_course(free_course)
    type(student).objects.filter(pk=student.pk).update(language="fr")
    student.refresh_from_db()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        complete_course(student, spanish_course)
    certificate = certificate_of(student, free_course)
    (message,) = mail.outbox
    assert message.subject == "Votre certificat pour « Curso gratuito » est prêt"
    assert f"/fr/certificates/{certificate.display_code}/" in message.body


def test_the_grade_is_the_mean_of_the_best_scores_and_kept_as_at_issue(student, free_course):
    import uuid

    from django.utils import timezone

    from assessments.models import Attempt, AttemptStatus

    resource_key = uuid.uuid4()

    def attempt(evaluation, number, score, max_score):
        Attempt.objects.create(
            user=student, course_key=free_course.translation_key, resource_key=resource_key, evaluation_id=evaluation,
            number=number, status=AttemptStatus.GRADED, submitted_at=timezone.now(), score=score, max_score=max_score,
        )  # fmt: skip

    attempt("quiz-a", 1, 6, 10)
    attempt("quiz-a", 2, 9, 10)  # the best of quiz A: 90 %
    attempt("quiz-b", 1, 7, 8)  # 87.5 %
    complete_course(student, free_course)
    certificate = certificate_of(student, free_course)
    assert certificate.grade == Decimal("88.8")  # (90 + 87.5) / 2, to one decimal
    attempt("quiz-b", 2, 8, 8)  # a later, better attempt changes nothing already issued
    certificate.refresh_from_db()
    assert certificate.grade == Decimal("88.8")
