"""The "Attempts" admin and the item analysis: course staff only, flat query counts."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import TRANSLATORS
from assessments import attempts
from assessments.models import Answer, Attempt, AttemptStatus
from courses.learning.enrollment import Source, enroll
from courses.tests import factories as course_factories

from .factories import all_correct

# The teachers, the student and both courses are built once for this module (courses/tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("courses_built_once")]

ATTEMPTS = reverse("attempts:index")


@pytest.fixture
def graded(enrolled, quiz):
    """One attempt all right (passed), one by another student all wrong (failed)."""
    attempt = attempts.start_attempt(enrolled, quiz, "en")
    attempts.submit_attempt(enrolled, attempt.pk, all_correct())
    weak = course_factories.UserFactory(display_name="=HYPERLINK(1)", email="weak@example.org")
    enroll(weak, quiz.get_parent().get_parent().specific, Source.FREE)
    other = attempts.start_attempt(weak, quiz, "en")
    attempts.submit_attempt(weak, other.pk, {"single": "single-wrong", "multi": ["multi-4"], "tf": "false"})
    return Attempt.objects.get(pk=attempt.pk), Attempt.objects.get(pk=other.pk)


def analysis_url(attempt):
    return reverse("attempts:analysis", args=[attempt.course_key, attempt.resource_key, attempt.evaluation_id])


def test_roles_have_the_attempt_permissions(teacher):
    moderator = course_factories.moderator()
    assert teacher.has_perm("assessments.view_attempt") and not teacher.has_perm("assessments.view_every_attempt")
    assert moderator.has_perm("assessments.view_attempt") and moderator.has_perm("assessments.view_every_attempt")
    assert not teacher.has_perm("assessments.change_attempt")


def test_the_instructor_lists_the_attempts_of_their_course(client, teacher, graded):
    client.force_login(teacher)
    html = client.get(ATTEMPTS).content.decode()
    assert "A Student" in html and "Free course" in html and "Final quiz" in html
    assert "100.0" in html and "Graded" in html
    assert f'href="{analysis_url(graded[0])}"' in html


def test_attempts_filter_by_status_and_passed(client, teacher, graded, enrolled, make_quiz):
    open_attempt = attempts.start_attempt(enrolled, make_quiz(), "en")
    client.force_login(teacher)
    html = client.get(ATTEMPTS, {"passed": "true"}).content.decode()
    assert "A Student" in html and "weak@example.org" not in html and "HYPERLINK" not in html
    html = client.get(ATTEMPTS, {"passed": "false"}).content.decode()
    assert "HYPERLINK" in html and "A Student" not in html
    html = client.get(ATTEMPTS, {"status": AttemptStatus.IN_PROGRESS}).content.decode()
    assert "In progress" in html and "HYPERLINK" not in html
    assert open_attempt.pk


def test_another_instructor_sees_no_attempt_and_no_analysis(client, other_teacher, graded):
    client.force_login(other_teacher)
    html = client.get(ATTEMPTS).content.decode()
    assert "A Student" not in html and "Final quiz" not in html
    assert client.get(analysis_url(graded[0])).status_code == 403


def test_a_moderator_sees_every_attempt_and_filters_by_any_course(client, graded, free_course, paid_course):
    client.force_login(course_factories.moderator())
    assert "A Student" in client.get(ATTEMPTS).content.decode()
    html = client.get(ATTEMPTS, {"course": str(paid_course.translation_key)}).content.decode()
    assert "A Student" not in html and "Paid course" in html  # the course is among the choices
    assert "A Student" in client.get(ATTEMPTS, {"course": str(free_course.translation_key)}).content.decode()
    assert client.get(analysis_url(graded[0])).status_code == 200


@pytest.mark.parametrize("role", ["student", "translator"])
def test_students_and_translators_see_nothing(client, graded, enrolled, role):
    user = enrolled if role == "student" else course_factories.UserFactory(groups=[TRANSLATORS])
    client.force_login(user)
    listing = client.get(ATTEMPTS)
    assert listing.status_code in (302, 403) and "A Student" not in listing.content.decode()
    analysis = client.get(analysis_url(graded[0]))
    assert analysis.status_code in (302, 403) and b"Point-biserial" not in analysis.content


def test_attempts_export_is_spreadsheet_safe(client, teacher, graded):
    client.force_login(teacher)
    for export in ("csv", "xlsx"):
        response = client.get(ATTEMPTS, {"export": export})
        assert response.status_code == 200
        assert response["Content-Disposition"] == f'attachment; filename="attempts.{export}"'
    rows = list(csv.reader(io.StringIO(b"".join(client.get(ATTEMPTS, {"export": "csv"}).streaming_content).decode())))
    assert rows[0][:3] == ["E-mail", "Student", "Course"]
    names = [row[1] for row in rows[1:]]
    assert "'=HYPERLINK(1)" in names and "A Student" in names


def test_the_item_analysis_shows_questions_choices_distribution_and_reliability(client, teacher, graded):
    client.force_login(teacher)
    response = client.get(analysis_url(graded[0]))
    assert response.status_code == 200
    analysis = response.context["analysis"]
    assert analysis.attempts == 2 and analysis.group_size == 1
    single = analysis.questions["single"]
    assert (single.asked, single.correct, single.discrimination) == (2, 1, 1.0)
    assert single.choice("single-right").upper == 1 and single.choice("single-wrong").lower == 1
    assert analysis.histogram[0] == 1 and analysis.histogram[9] == 1
    html = response.content.decode()
    for text in ("Pick the planet closest to the Sun", "Mercury", "Venus", "Point-biserial", "Discrimination"):
        assert text in html
    assert response.context["reliability_label"] in ("KR-20 (Kuder–Richardson 20)", "Cronbach's alpha")
    assert response.context["reliability_label"] in html


def test_an_evaluation_without_graded_attempts_has_an_empty_analysis(client, teacher, quiz, enrolled):
    attempt = attempts.start_attempt(enrolled, quiz, "en")
    client.force_login(teacher)
    response = client.get(analysis_url(attempt))
    assert response.status_code == 200 and "No graded attempt yet." in response.content.decode()


def _bulk_attempts(template, count):
    """``count`` graded copies of ``template`` (and its answers), by different students."""
    users = course_factories.UserFactory.create_batch(count)
    created = Attempt.objects.bulk_create(
        Attempt(
            user=user,
            course_key=template.course_key,
            resource_key=template.resource_key,
            evaluation_id=template.evaluation_id,
            number=1,
            status=AttemptStatus.GRADED,
            submitted_at=template.submitted_at,
            score=Decimal(i % 7),
            max_score=template.max_score,
            passed=i % 2 == 0,
            snapshot=template.snapshot,
        )
        for i, user in enumerate(users)
    )
    Answer.objects.bulk_create(
        Answer(attempt=attempt, question_id=question["id"], points=Decimal(i % 2), correct=i % 2 == 1, response=None)
        for i, attempt in enumerate(created)
        for question in template.snapshot["questions"]
    )


def _analysis_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_item_analysis_query_count_is_flat(client, teacher, graded, no_caching):
    client.force_login(teacher)
    url = analysis_url(graded[0])
    _bulk_attempts(graded[0], 8)
    _analysis_queries(client, url)  # warms the per-process caches (site, locales, admin menu)
    ten = _analysis_queries(client, url)
    _bulk_attempts(graded[0], 990)
    thousand = _analysis_queries(client, url)
    assert Attempt.objects.filter(status=AttemptStatus.GRADED).count() == 1000
    assert thousand == ten
