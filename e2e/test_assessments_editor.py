"""Instructors in Chromium: an evaluation with every question type built in the Wagtail page
editor (the StreamField interface) and previewed; an essay graded in the grading queue and
the evaluation's item analysis opened."""

import json
import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from assessments import attempts
from assessments.models import Attempt, AttemptStatus
from assessments.tests.factories import all_correct, essay, evaluation_data, every_question_type
from courses.learning.enrollment import Source, enroll
from courses.models import ResourcePage, SectionPage
from courses.tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-strong-password-1"


@pytest.fixture
def teacher_and_course():
    teacher = factories.instructor(email="quizmaster@example.org", password=PASSWORD, display_name="Quiz Master")
    EmailAddress.objects.create(user=teacher, email=teacher.email, verified=True, primary=True)
    course = factories.build_course(
        title="Astronomy", slug="astronomy", price=0, owner=teacher, sections=1, resources_per_section=1
    )
    course.instructors.add(teacher)
    course.save()
    return teacher, course


def log_in(page, live_url, email):
    page.goto(live_url + "/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def insert_block(page, container, label):
    """Open the last "Insert a block" menu of ``container`` (appends) and pick ``label``."""
    option = page.get_by_role("option", name=re.compile(f"^{label}"))
    for _attempt in range(3):  # a click before the StreamField's script is ready opens nothing
        container.locator("button[title='Insert a block']").last.click()
        try:
            option.wait_for(state="visible", timeout=5000)
            break
        except PlaywrightTimeoutError:
            continue
    option.click()


QUESTIONS = [
    ("Single choice", "Which planet is closest to the Sun?", [("Mercury", True), ("Venus", False)]),
    ("Multiple choice", "Which are gas giants?", [("Jupiter", True), ("Mars", False)]),
    ("True or false", "The Moon orbits the Earth.", None),
    ("Short text", "Name the red planet.", ["Mars"]),
    ("Numeric", "How many planets are there?", None),
    ("Essay", "Describe a comet.", None),
]


def test_instructor_builds_an_evaluation_with_every_question_type_and_previews_it(page, live_url, teacher_and_course):
    teacher, course = teacher_and_course
    section = SectionPage.objects.child_of(course).get()
    log_in(page, live_url, teacher.email)
    page.goto(f"{live_url}/admin/pages/add/courses/resourcepage/{section.pk}/")
    page.locator("#id_title").fill("Planets quiz")
    page.get_by_role("tab", name="Promote").click()
    page.locator("#id_slug").fill("planets-quiz")
    page.get_by_role("tab", name="Content").click()

    body = page.locator("[data-contentpath='body']").first
    insert_block(page, body, "Evaluation")
    page.locator("[name='body-0-value-title']").fill("Planets")
    questions = page.locator("[data-contentpath='questions']")
    for number, (label, text, extra) in enumerate(QUESTIONS):
        insert_block(page, questions, label)
        prefix = f"body-0-value-questions-{number}-value"
        page.locator(f"[name='{prefix}-text']").fill(text)
        if label in ("Single choice", "Multiple choice"):
            choices = page.locator(f"[data-contentpath='choices']:has([name='{prefix}-choices-0-value-text'])")
            choices.locator("button[title='Add']").last.click()  # a list starts with one choice
            for index, (choice, correct) in enumerate(extra):
                page.locator(f"[name='{prefix}-choices-{index}-value-text']").fill(choice)
                if correct:
                    page.locator(f"[name='{prefix}-choices-{index}-value-correct']").check()
        elif label == "Short text":
            page.locator(f"[name='{prefix}-accepted_answers-0-value']").fill(extra[0])
        elif label == "Numeric":
            page.locator(f"[name='{prefix}-value']").fill("8")

    # The editor checks the form in the background (its preview) while blocks are filled in;
    # saving before those requests end was refused as invalid on a slow machine.
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text("Planets quiz", timeout=30000)
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    quiz_id = int(re.search(r"/pages/(\d+)/edit/", page.url).group(1))
    quiz = ResourcePage.objects.get(pk=quiz_id)
    assert quiz.get_parent().pk == section.pk, list(ResourcePage.objects.values_list("pk", "slug"))
    evaluation = quiz.get_latest_revision_as_object().body[0].value
    assert [q.block_type for q in evaluation["questions"]] == [
        "single_choice", "multiple_choice", "true_false", "short_text", "numeric", "essay"
    ]  # fmt: skip
    single = evaluation["questions"][0].value
    assert [(c["text"], c["correct"]) for c in single["choices"]] == [("Mercury", True), ("Venus", False)]

    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", name="Planets", exact=True)).to_be_visible(timeout=30000)
    expect(preview.get_by_text("Questions (editor preview)")).to_be_visible()
    for _label, text, _extra in QUESTIONS:
        expect(preview.get_by_text(text)).to_be_visible()


@pytest.fixture
def essay_waiting(teacher_and_course):
    """Three graded attempts (for the analysis) and one essay waiting for the instructor."""
    teacher, course = teacher_and_course
    quiz = ResourcePage.objects.descendant_of(course).get()
    quiz.title = "Final quiz"
    quiz.body = json.dumps(evaluation_data(questions=[*every_question_type(), essay()]))
    factories.publish(quiz)
    for number, responses in enumerate([all_correct(), {"single": "single-wrong"}, {"tf": "false"}]):
        student = factories.UserFactory(email=f"student{number}@example.org", display_name=f"Student {number}")
        enroll(student, course, Source.FREE)
        attempt = attempts.start_attempt(student, quiz, "en")
        essay_text = "A comet is a ball of ice and dust." if number == 0 else ""
        attempts.submit_attempt(student, attempt.pk, {**responses, **({"essay": essay_text} if essay_text else {})})
    return teacher, Attempt.objects.get(status=AttemptStatus.PENDING_REVIEW)


def test_instructor_grades_an_essay_and_opens_the_item_analysis(page, live_url, essay_waiting):
    teacher, attempt = essay_waiting
    log_in(page, live_url, teacher.email)
    page.goto(f"{live_url}/admin/")
    page.get_by_role("link", name="Grading queue: 1 essay waiting").click()
    page.get_by_role("link", name="Grade next").click()
    expect(page.get_by_text("A comet is a ball of ice and dust.")).to_be_visible()
    page.get_by_label("Points (0 to 3)").fill("2.5")
    page.get_by_label("Feedback").first.fill("Good, but mention the tail.")
    page.get_by_role("button", name="Save and grade next").click()
    expect(page.get_by_text("The essay is graded.")).to_be_visible()
    expect(page.get_by_text("No essay is waiting to be graded. Well done!")).to_be_visible()
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED and attempt.answers.get(question_id="essay").feedback

    page.get_by_role("link", name="Attempts").first.click()
    page.get_by_role("link", name=re.compile("Final quiz")).first.click()
    expect(page.get_by_role("heading", name="Score distribution")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Question 1"))).to_be_visible()
    expect(page.get_by_text("Graded attempts", exact=True)).to_be_visible()
