from datetime import timedelta
from importlib import import_module

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import attempts

# The teachers, the student and both courses are built once for this module (courses/tests/conftest.py).
pytestmark = pytest.mark.usefixtures("courses_built_once")


@pytest.fixture(autouse=True, params=["database", "personal cache"])
def _panel_source(request):
    """Every test twice: the panel read from the database, and from the student's personal
    cache as in production (caching/personal_cache.py), where each change must show on
    the next visit."""
    request.getfixturevalue("shared_cache" if request.param == "personal cache" else "no_caching")


def test_dashboard_shows_open_attempts_with_time_left(client, enrolled, make_quiz):
    quiz = make_quiz(time_limit=30)
    attempt = attempts.start_attempt(enrolled, quiz)
    client.force_login(enrolled)
    html = client.get(reverse("dashboard")).content.decode()
    assert "Evaluations" in html and reverse("assessment_attempt", args=[attempt.pk]) in html and "left" in html


def test_the_time_left_is_as_of_each_request_while_the_panel_is_kept(client, enrolled, make_quiz, monkeypatch):
    from django.utils.timesince import timeuntil

    from caching import kept_html

    attempts.start_attempt(enrolled, make_quiz(time_limit=30))
    client.force_login(enrolled)
    assert "In progress: 29\xa0minutes left" in client.get(reverse("dashboard")).content.decode()
    later = timezone.now() + timedelta(minutes=20)
    monkeypatch.setattr(kept_html, "timeuntil", lambda moment: timeuntil(moment, now=later))
    assert "In progress: 9\xa0minutes left" in client.get(reverse("dashboard")).content.decode()


def _evaluations_panel(html):
    start = html.index('id="evaluations-heading"')
    return html[start : html.index("</section>", start)]


def test_each_row_of_the_panel_names_its_course(client, enrolled, make_quiz, free_course):
    quiz = make_quiz(time_limit=30, available_until=_in(3))
    attempts.start_attempt(enrolled, quiz)
    client.force_login(enrolled)
    panel = _evaluations_panel(client.get(reverse("dashboard")).content.decode())
    assert panel.count(f'<span class="d-block small course-meta">{free_course.title}</span>') == 2


def test_dashboard_shows_results_awaiting_grading_until_graded(client, enrolled, make_quiz, teacher):
    from .factories import essay

    quiz = make_quiz(questions=[essay()])
    attempt = attempts.start_attempt(enrolled, quiz)
    client.force_login(enrolled)
    assert "Waiting for an instructor" not in client.get(reverse("dashboard")).content.decode()  # open
    attempts.submit_attempt(enrolled, attempt.pk, {"essay": "Light becomes sugar."})
    html = client.get(reverse("dashboard")).content.decode()
    result_link = f'href="{reverse("assessment_result", args=[attempt.pk])}"'
    assert result_link in html and "Waiting for an instructor to grade it" in html
    from assessments.models import Answer
    from assessments.reviewing import grade_essay

    grade_essay(teacher, Answer.objects.get(attempt=attempt, question_id="essay").pk, "1")
    assert "Waiting for an instructor" not in client.get(reverse("dashboard")).content.decode()


def test_dashboard_has_no_evaluations_panel_without_attempts(client, enrolled, quiz):
    client.force_login(enrolled)
    assert 'id="evaluations-heading"' not in client.get(reverse("dashboard")).content.decode()


def test_an_expired_attempt_leaves_the_dashboard_graded(client, enrolled, make_quiz):
    from assessments.models import Attempt

    quiz = make_quiz(time_limit=5)
    attempt = attempts.start_attempt(enrolled, quiz)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    client.force_login(enrolled)
    assert 'id="evaluations-heading"' not in client.get(reverse("dashboard")).content.decode()
    assert not Attempt.objects.get().is_open


# --- Upcoming availability deadlines -----------------------------------------------------


def _in(days, hours=0):
    return (timezone.now() + timedelta(days=days, hours=hours)).isoformat()


def _panel(client, user):
    """The dashboard's Evaluations panel alone: another panel (the calendar's "Coming up")
    lists some of the same deadlines."""
    client.force_login(user)
    html = client.get(reverse("dashboard")).content.decode()
    start = html.find('aria-labelledby="evaluations-heading"')
    return html[start : html.index("</section>", start)] if start >= 0 else ""


def test_upcoming_deadlines_are_listed_soonest_first_in_the_students_zone(client, enrolled, make_quiz):
    later = make_quiz(available_until=_in(9))
    sooner = make_quiz(available_from=_in(-1), available_until=_in(2))
    not_open_yet = make_quiz(available_from=_in(3), available_until=_in(5))
    make_quiz(available_until=_in(-1))  # closed
    make_quiz()  # no deadline
    enrolled.time_zone = "Asia/Tokyo"
    enrolled.save()
    html = _panel(client, enrolled)
    assert "Upcoming deadlines" in html and html.count('<time datetime="') == 4
    positions = [html.index(f'href="{quiz.url}"') for quiz in (sooner, not_open_yet, later)]
    assert positions == sorted(positions)
    assert "Quiz 4" not in html and "Quiz 5" not in html
    assert "Opens <time" in html and ", closes <time" in html and " JST</time>" in html


def test_a_passed_evaluation_leaves_the_upcoming_deadlines(client, enrolled, make_quiz):
    from .factories import all_correct

    quiz = make_quiz(available_until=_in(3))
    assert f'href="{quiz.url}"' in _panel(client, enrolled)
    attempt = attempts.start_attempt(enrolled, quiz)
    attempts.submit_attempt(enrolled, attempt.pk, all_correct())
    assert 'id="evaluations-heading"' not in _panel(client, enrolled)


def test_deadlines_of_courses_the_student_is_not_in_or_audits_are_not_listed(client, student, paid_course, quiz):
    from courses.learning.enrollment import Source, enroll
    from courses.models import SectionPage
    from courses.tests.factories import publish

    from .factories import evaluation_resource

    evaluation_resource(SectionPage.objects.child_of(paid_course).first(), available_until=_in(3))
    paid_course.audit_allowed = True
    publish(paid_course)
    enroll(student, paid_course, Source.AUDIT)
    assert 'id="evaluations-heading"' not in _panel(client, student)


def test_the_deadline_follows_the_published_evaluation(client, enrolled, make_quiz):
    from assessments.models import EvaluationWindow
    from courses.tests.factories import publish

    quiz = make_quiz(available_until=_in(3))
    body = quiz.body.raw_data
    body[0]["value"]["available_until"] = _in(6)
    quiz.body = body
    quiz.save_revision()  # a draft changes nothing
    assert EvaluationWindow.objects.get().available_until < timezone.now() + timedelta(days=4)
    assert f'href="{quiz.url}"' in _panel(client, enrolled)
    publish(quiz)
    assert EvaluationWindow.objects.get().available_until > timezone.now() + timedelta(days=5)
    assert f'href="{quiz.url}"' in _panel(client, enrolled)
    quiz.unpublish()
    assert not EvaluationWindow.objects.exists()
    assert 'id="evaluations-heading"' not in _panel(client, enrolled)
    publish(quiz)
    quiz.body = [("rich_text", "<p>No evaluation any more</p>")]
    publish(quiz)
    assert not EvaluationWindow.objects.exists()


def test_windows_of_evaluations_published_before_the_migration_are_filled_in(make_quiz, quiz):
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    from assessments.models import EvaluationWindow

    dated = make_quiz(available_from=_in(1), available_until=_in(3))
    EvaluationWindow.objects.all().delete()
    migration = import_module("assessments.migrations.0005_evaluation_windows")
    state = MigrationLoader(connection).project_state(("assessments", "0005_evaluation_windows"))
    migration.backfill_windows(state.apps, None)
    window = EvaluationWindow.objects.get()
    assert window.resource_key == dated.translation_key and window.course_key == dated.course.translation_key
    assert window.available_from < window.available_until


def _dashboard_queries(client, user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(user)
    client.get(reverse("dashboard"))  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("dashboard")).content.decode()
    assert "Upcoming deadlines" in html and "In progress" in html
    return len(queries)


def _student_with_courses(count, prefix):
    from courses.learning.enrollment import Source, enroll
    from courses.models import SectionPage
    from courses.tests import factories as course_factories

    from .factories import evaluation_resource

    student = course_factories.UserFactory()
    for number in range(count):
        course = course_factories.build_course(
            title=f"{prefix} {number}", slug=f"{prefix}-{number}", price=0, sections=1, resources_per_section=1
        )
        enroll(student, course, Source.FREE)
        section = SectionPage.objects.child_of(course).first()
        evaluation_resource(section, title=f"{prefix} quiz {number}", available_until=_in(number + 1))
        timed = evaluation_resource(section, title=f"{prefix} timed {number}", time_limit=30)
        attempts.start_attempt(student, timed)
    return student


def test_the_panels_query_count_does_not_grow_with_the_courses(client, catalog):
    two = _dashboard_queries(client, _student_with_courses(2, "two"))
    twelve = _dashboard_queries(client, _student_with_courses(12, "twelve"))
    assert twelve == two


def test_a_resource_moved_to_another_course_takes_its_deadline_along(make_quiz, paid_course):
    from assessments.models import EvaluationWindow
    from courses.models import SectionPage

    quiz = make_quiz(available_until=_in(3))
    quiz.move(SectionPage.objects.child_of(paid_course).first(), pos="last-child")
    assert EvaluationWindow.objects.get().course_key == paid_course.translation_key
