"""A student takes a timed evaluation in Chromium: the countdown is visible, a reload
mid-attempt keeps the autosaved answers, the student passes and the resource completes."""

import json
import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from assessments.models import Answer, Attempt
from assessments.tests.factories import evaluation_data
from courses.learning.enrollment import Source, enroll
from courses.models import Enrollment, ResourcePage
from courses.tests import factories
from e2e.axe import serious_violations
from e2e.test_learning import PASSWORD, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def quiz_course():
    course = factories.build_course(
        title="Quiz course", slug="quiz-course", price=0, sections=1, resources_per_section=1, free_preview_first=False
    )
    quiz = ResourcePage.objects.descendant_of(course).get()
    quiz.title = "Final quiz"
    quiz.body = json.dumps(evaluation_data(time_limit=10))
    factories.publish(quiz)
    return course


def _luminance(rgb):
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def border_contrast(page, selector):
    """Contrast of the first unchecked ``selector``'s border against its card (WCAG 1.4.11)."""
    border, background = page.locator(selector).first.evaluate(
        "e => [getComputedStyle(e).borderTopColor, getComputedStyle(e.closest('.card')).backgroundColor]"
    )
    light, dark = sorted([_luminance(border), _luminance(background)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_student_takes_a_timed_evaluation_and_passes(page, live_url, quiz_course):
    student = factories.UserFactory(email="quiz@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=student, email=student.email, verified=True, primary=True)
    log_in(page, live_url, student.email)
    page.goto(live_url + quiz_course.url)
    page.get_by_role("button", name="Enroll for free").click()
    page.get_by_role("link", name="Start the course").click()
    expect(page.get_by_role("heading", name="Final quiz", level=1)).to_be_visible()

    page.get_by_role("button", name="Start the evaluation").click()
    expect(page.locator("[data-aula-timer-display]")).to_have_text(re.compile(r"^(10:00|9:5\d)$"))
    assert serious_violations(page) == []
    for control in ("input[type=radio]", "input[type=checkbox]", "input[type=text]"):
        assert border_contrast(page, control) >= 3, control  # an unchosen choice is seen

    # Answer half, each autosaved as it changes…
    with page.expect_response(lambda r: "/answer/" in r.url) as saved:
        page.get_by_role("group", name=re.compile("closest to the Sun")).get_by_label("Mercury").check()
    assert saved.value.ok
    with page.expect_response(lambda r: "/answer/" in r.url) as saved:
        page.get_by_role("group", name=re.compile("primes")).get_by_label("Two").check()
    assert saved.value.ok
    with page.expect_response(lambda r: "/answer/" in r.url) as saved:
        page.get_by_role("group", name=re.compile("primes")).get_by_label("Three").check()
    assert saved.value.ok
    assert Answer.objects.count() == 2

    # …reload: nothing is lost.
    page.reload()
    expect(page.get_by_role("group", name=re.compile("closest to the Sun")).get_by_label("Mercury")).to_be_checked()
    expect(page.get_by_role("group", name=re.compile("primes")).get_by_label("Three")).to_be_checked()
    expect(page.locator("[data-aula-timer-display]")).to_be_visible()

    page.get_by_role("group", name=re.compile("Water is wet")).get_by_label("True").check()
    page.get_by_role("group", name=re.compile("capital")).get_by_label("Your answer").fill("sao paulo city")
    page.get_by_role("group", name=re.compile("pi to two")).get_by_label("Your answer (a number)").fill("3.14")
    page.get_by_role("button", name="Submit your answers").click()

    expect(page.get_by_text("You passed.")).to_be_visible()
    assert serious_violations(page) == []
    attempt = Attempt.objects.get()
    assert attempt.passed and attempt.score == attempt.max_score

    page.get_by_role("link", name="Back to the resource").click()
    expect(page.get_by_text("You have completed this resource.")).to_be_visible()
    expect(page.get_by_label("Your progress")).to_have_attribute("value", "100")  # the course's progress
    expect(page.locator("[data-aula-summary]")).to_have_text("1 of 1 requirements met")
    expect(page.get_by_text(re.compile("Best score: 100"))).to_be_visible()
    assert Enrollment.objects.get(user=student).completed_at is not None


def test_the_countdown_is_announced_to_screen_readers_and_submits_at_zero(page, live_url, quiz_course):
    """The page's clock is Playwright's: minutes pass in an instant. A screen reader hears the
    time left at the announced moments (even when a throttled tab skips the exact second),
    not every second; at zero the answers are submitted."""
    student = factories.UserFactory(email="timer@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=student, email=student.email, verified=True, primary=True)
    enroll(student, quiz_course, Source.FREE)
    page.clock.install()
    log_in(page, live_url, student.email)
    page.goto(live_url + ResourcePage.objects.descendant_of(quiz_course).get().url)
    page.get_by_role("button", name="Start the evaluation").click()
    announce = page.locator("[data-aula-timer-announce]")
    expect(announce).to_have_attribute("aria-live", "assertive")
    expect(page.locator("[data-aula-timer-display]")).to_have_text(re.compile(r"^(10:00|9:5\d)$"))
    expect(announce).to_have_text("")  # nothing said on every tick

    page.clock.run_for("01:00")
    expect(announce).to_have_text("")  # 9 minutes left: not an announced moment
    page.clock.fast_forward("04:30")  # one late tick past the 5-minute mark
    expect(announce).to_have_text(re.compile(r"^[45] minutes left$"))
    page.clock.fast_forward("04:00")
    expect(announce).to_have_text(re.compile(r"^(1 minute|\d\d seconds) left$"))
    page.get_by_role("group", name=re.compile("closest to the Sun")).get_by_label("Mercury").check()
    page.clock.fast_forward("01:10")
    expect(page.get_by_role("heading", name="Your result")).to_be_visible()
    attempt = Attempt.objects.get(user=student)
    assert not attempt.is_open and attempt.answers.get(question_id="single").correct
