"""A quiz that forgives mistakes, with the keyboard only: a number typed with a decimal comma
on the English page is refused, every typed answer stays, the focus lands on the question in
error, the summary's link takes the focus back to it, and once fixed the attempt submits.
Submitting with questions left blank asks first, in a dialog a keyboard can answer."""

import json
import os
import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from assessments.models import Attempt
from assessments.tests.factories import evaluation_data
from courses.learning.enrollment import Source, enroll
from courses.models import ResourcePage
from courses.tests import factories
from e2e.axe import serious_violations
from e2e.test_learning import PASSWORD, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SHOTS = os.environ.get("AULA_SHOTS", "")  # a folder: screenshots of the pages looked at


@pytest.fixture
def quiz_url(live_url):
    course = factories.build_course(
        title="Quiz course", slug="quiz-course", price=0, sections=1, resources_per_section=1, free_preview_first=False
    )
    quiz = ResourcePage.objects.descendant_of(course).get()
    quiz.title = "Final quiz"
    quiz.body = json.dumps(evaluation_data())
    factories.publish(quiz)
    student = factories.UserFactory(email="forgive@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=student, email=student.email, verified=True, primary=True)
    enroll(student, course, Source.FREE)
    return live_url + quiz.url


def focused_id(page):
    return page.evaluate("document.activeElement.id")


def shoot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def start(page, live_url, quiz_url):
    log_in(page, live_url, "forgive@example.org")
    page.goto(quiz_url)
    page.get_by_role("button", name="Start the evaluation").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Submit your answers")).to_be_visible(timeout=20000)


def test_a_refused_number_keeps_the_answers_and_leads_to_the_error(page, live_url, quiz_url):
    start(page, live_url, quiz_url)
    page.locator("#q-single-single-right").focus()
    page.keyboard.press("Space")
    page.locator("#q-multi-multi-2").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # "Three"
    page.locator("#q-tf-true").focus()
    page.keyboard.press("Space")
    page.locator("#q-short").focus()
    page.keyboard.type("sao paulo city")
    page.keyboard.press("Tab")
    assert focused_id(page) == "q-num"
    expect(page.locator("#q-num-hint")).to_have_text("A number. Write decimals with a point, for example 3.5.")
    page.keyboard.type("3,14")
    page.get_by_role("button", name="Submit your answers").focus()
    page.keyboard.press("Enter")

    # The page comes back: the focus on the number, every answer kept, the error said.
    summary = page.locator("[data-aula-error-summary]")
    expect(summary).to_be_visible(timeout=20000)
    expect(page.locator("#q-num")).to_be_focused()
    expect(page.locator("#q-num")).to_have_value("3,14")
    expect(page.locator("#q-num")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#q-num-error")).to_contain_text("with a point for decimals")
    expect(page.locator("#q-single-single-right")).to_be_checked()
    expect(page.locator("#q-multi-multi-3")).to_be_checked()
    expect(page.locator("#q-tf-true")).to_be_checked()
    expect(page.locator("#q-short")).to_have_value("sao paulo city")
    assert serious_violations(page) == []
    shoot(page, "quiz-errors-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    expect(page.locator("#q-num-error")).to_contain_text("with a point for decimals")
    shoot(page, "quiz-errors-390")
    page.set_viewport_size({"width": 1280, "height": 900})

    # The summary's link takes the focus to the question.
    page.locator("#q-short").focus()
    summary.get_by_role("link", name=re.compile("Question 5")).focus()
    page.keyboard.press("Enter")
    expect(page.locator("#q-num")).to_be_focused()

    # Fixed, it submits.
    page.keyboard.press("Control+A")
    page.keyboard.type("3.14")
    page.get_by_role("button", name="Submit your answers").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("You passed.")).to_be_visible(timeout=20000)
    attempt = Attempt.objects.get()
    assert attempt.score == attempt.max_score


def test_submitting_with_questions_left_blank_asks_first(page, live_url, quiz_url):
    start(page, live_url, quiz_url)
    page.locator("#q-tf-true").focus()
    page.keyboard.press("Space")
    submit = page.get_by_role("button", name="Submit your answers")
    submit.focus()
    page.keyboard.press("Enter")

    dialog = page.get_by_role("dialog", name="Some questions have no answer")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("4 questions have no answer: 1, 2, 4, 5.")
    back = dialog.get_by_role("button", name="Go back to the questions")
    expect(back).to_be_focused()  # the safe choice first
    assert serious_violations(page) == []
    shoot(page, "quiz-confirm-1280")
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(page.locator("#q-single-single-right")).to_be_focused()  # the first question left blank
    assert Attempt.objects.get().is_open

    submit.focus()
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")  # Escape goes back too
    expect(dialog).to_be_hidden()
    submit.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="Submit anyway")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Your result")).to_be_visible(timeout=20000)
    attempt = Attempt.objects.get()
    assert not attempt.is_open and attempt.score == 1
