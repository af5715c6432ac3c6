"""The grading loop in Chromium: a student's attempt with an essay shows what is earned and
what waits, with the course's grading time; the instructor sees the count in the admin
menu, opens the queue, grades with "Grade next" and the student's result is final."""

import json

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from assessments import attempts
from assessments.tests.factories import essay, evaluation_data
from courses.learning.enrollment import Source, enroll
from courses.models import ResourcePage
from courses.tests import factories
from e2e.axe import serious_violations
from e2e.test_course_builder import log_in
from e2e.test_quiz_errors import shoot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def verified(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def waiting(live_url):  # noqa: ARG001 (the live server's database)
    teacher = verified(factories.instructor(email="grader@example.org", password="a-long-pass-phrase-1"))
    course = factories.build_course(
        title="Essay course", slug="essay-course", price=0, sections=1, resources_per_section=1, owner=teacher,
        free_preview_first=False, grading_days=3,
    )  # fmt: skip
    quiz = ResourcePage.objects.descendant_of(course).get()
    quiz.title = "Written exam"
    quiz.body = json.dumps(evaluation_data(questions=[*evaluation_data()[0]["value"]["questions"][:1], essay()]))
    factories.publish(quiz)
    student = verified(factories.UserFactory(email="writer@example.org", display_name="Wri Ter"))
    enroll(student, course, Source.FREE)
    attempt = attempts.start_attempt(student, quiz, "en")
    attempts.save_answer(student, attempt.pk, "single", "single-right")
    attempts.save_answer(student, attempt.pk, "essay", "Plants turn light into sugar.")
    attempt, _ = attempts.submit_attempt(student, attempt.pk)
    return teacher, student, attempt


def test_the_student_sees_what_waits_and_the_instructor_grades_it(page, live_url, waiting, settings):
    teacher, student, attempt = waiting
    settings.ACCOUNT_RATE_LIMITS = False
    from e2e.test_learning import PASSWORD

    student.set_password(PASSWORD)
    student.save()
    teacher.set_password(PASSWORD)
    teacher.save()

    log_in(page, live_url, student.email)
    page.goto(f"{live_url}/en/learn/attempt/{attempt.pk}/result/")
    waiting_box = page.locator("[data-aula-waiting]")
    expect(waiting_box).to_contain_text("1 of 1 points, on the questions graded automatically")
    expect(waiting_box).to_contain_text("1 written answer, worth 3 points")
    expect(waiting_box).to_contain_text("The instructors grade within 3 days: expect your result by")
    assert serious_violations(page) == []
    shoot(page, "result-waiting-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shoot(page, "result-waiting-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.context.clear_cookies()

    log_in(page, live_url, teacher.email)
    page.goto(live_url + "/en/dashboard/")
    panel = page.locator("[data-aula-grading-panel]")
    expect(panel).to_contain_text("1 essay is waiting for you.")
    expect(panel).to_contain_text("Essay course: 1 essay")
    shoot(page, "dashboard-grading-1280")
    page.goto(live_url + "/admin/")
    menu = page.get_by_role("link", name="Grading queue: 1 essay waiting")
    expect(menu).to_be_visible()
    shoot(page, "admin-badge-1280")
    menu.click()
    row = page.locator("tr[data-aula-essay]")
    expect(row).to_contain_text("Essay course")
    expect(row).to_contain_text("Written exam")
    expect(row).to_contain_text("Wri Ter")
    assert serious_violations(page) == []
    shoot(page, "grading-queue-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    shoot(page, "grading-queue-390")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("link", name="Grade next").click()
    expect(page.get_by_text("Plants turn light into sugar.")).to_be_visible(timeout=20000)
    page.get_by_label("Points (0 to 3)").fill("9")
    page.get_by_role("button", name="Save and grade next").click()
    expect(page.get_by_role("alert")).to_contain_text("Give between 0 and 3 points.", timeout=20000)
    expect(page.get_by_label("Points (0 to 3)")).to_be_focused()
    shoot(page, "grade-essay-error-1280")
    page.get_by_label("Points (0 to 3)").fill("2.5")
    page.get_by_label("Feedback for the student").fill("Good, but say where it happens.")
    page.get_by_role("button", name="Save and grade next").click()
    expect(page.get_by_text("No essay is waiting to be graded. Well done!")).to_be_visible(timeout=20000)
    menu = page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Grading queue", exact=True)
    expect(menu).to_be_visible()  # no badge left
    attempt.refresh_from_db()
    assert attempt.status == "graded" and float(attempt.score) == 3.5
