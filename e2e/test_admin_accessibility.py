"""Aula's own admin pages pass axe (no serious or critical issue) and work by keyboard, each
opened by the role that uses it (issue 27, item 10): the curriculum (instructor), the course
review (moderator), the orders list and an order (administrator), a course's statistics, the
grading queue and an evaluation's item analysis (instructor)."""

import json
import os
from decimal import Decimal

import pytest
import wagtail_factories
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD
from assessments import attempts
from assessments.attempts_admin import analysis_url
from assessments.models import Attempt
from assessments.tests.factories import all_correct, essay, evaluation_data, every_question_type
from commerce.tests.helpers import check_out, dev_pay
from courses.course_review import submit_course
from courses.learning.enrollment import Source, enroll
from courses.models import ResourcePage, SectionPage
from courses.tests import factories
from e2e.axe import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SHOTS = os.environ.get("AULA_SCREENSHOTS", "")


def person(make, email, **kwargs):
    user = make(email=email, password=PASSWORD, display_name=email.split("@")[0].title(), **kwargs)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.fixture
def school(settings):
    """A live paid course with a graded quiz and an essay waiting, a paid order, and a
    draft course submitted for review."""
    settings.AULA_DEV_PAYMENTS = True
    settings.AULA_CURRENCY = "USD"
    teacher = person(factories.instructor, "teacher@example.org")
    course = factories.build_course(title="Astronomy", slug="astronomy", price=Decimal("49.00"), owner=teacher)
    course.instructors.add(teacher)
    course.save()
    quiz = ResourcePage.objects.descendant_of(course).order_by("path").last()
    quiz.title = "Final quiz"
    quiz.body = json.dumps(evaluation_data(questions=[*every_question_type(), essay()]))
    factories.publish(quiz)
    for number, responses in enumerate([all_correct(), {"single": "single-wrong"}, {"tf": "false"}]):
        student = factories.UserFactory(email=f"student{number}@example.org", display_name=f"Student {number}")
        enroll(student, course, Source.ADMIN)
        attempt = attempts.start_attempt(student, quiz, "en")
        extra = {"essay": "A comet is ice and dust."} if number == 0 else {}
        attempts.submit_attempt(student, attempt.pk, {**responses, **extra})
    admin = person(factories.UserFactory, "head@example.org", is_superuser=True, is_staff=True)
    buyer = person(factories.UserFactory, "buyer@example.org")
    shopper = Client()
    shopper.force_login(buyer)
    _response, order = check_out(shopper, course)
    dev_pay(shopper, order)
    draft = factories.build_course(title="Geology", slug="geology", owner=teacher, live=False, summary="Rocks.")
    draft.cover_image = wagtail_factories.ImageFactory(title="Rock")
    draft.instructors.add(teacher)
    draft.save()
    draft.save_revision(user=teacher)
    submit_course(draft, teacher)
    moderator = person(factories.moderator, "moderator@example.org")
    return {"course": course, "draft": draft, "teacher": teacher, "admin": admin, "moderator": moderator,
            "order": order, "attempt": Attempt.objects.filter(evaluation_id__isnull=False).first()}  # fmt: skip


def log_in(page, live_url, email):
    page.context.clear_cookies()
    page.goto(live_url + "/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def check(page, live_url, path, name):
    """axe finds no serious or critical issue; the page has one h1; the keyboard reaches the
    page's main content with a visible focus; no sideways scroll at 390 px."""
    response = page.goto(live_url + path)
    assert response.status == 200, (name, response.status)
    assert serious_violations(page) == [], name
    expect(page.locator("h1")).to_have_count(1)
    for _press in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('main') && document.activeElement !== document.body"):
            break
    else:
        pytest.fail(f"{name}: the keyboard never reached the main content")
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return s.outlineStyle !== 'none' || s.boxShadow !== 'none'; })()"
    )
    assert outline, f"{name}: the focused element shows no focus"
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}-390.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    assert overflow <= 0, f"{name}: {overflow}px of sideways scrolling at 390 px"


def test_the_instructors_admin_pages_pass_axe_and_work_by_keyboard(page, live_url, school):
    course, attempt = school["course"], school["attempt"]
    log_in(page, live_url, school["teacher"].email)
    check(page, live_url, reverse("course_builder:curriculum", args=(course.pk,)), "curriculum")
    check(page, live_url, reverse("course_statistics:detail", args=(course.pk,)), "statistics")
    check(page, live_url, reverse("grading:index"), "grading-queue")
    check(page, live_url, analysis_url(attempt), "item-analysis")
    check(page, live_url, reverse("course_builder:import"), "import-course")


def test_the_curriculum_reorders_by_keyboard(page, live_url, school):
    course = school["course"]
    log_in(page, live_url, school["teacher"].email)
    page.goto(live_url + reverse("course_builder:curriculum", args=(course.pk,)))
    grab = page.get_by_role("button", name="Move Resource 1.1")
    grab.focus()
    page.keyboard.press("Enter")
    expect(grab).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#curriculum-announcer")).to_contain_text("grabbed")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("#curriculum-announcer")).to_contain_text("New order saved")
    first = SectionPage.objects.child_of(course).order_by("path").first()
    assert [p.title for p in first.get_children().order_by("path")] == ["Resource 1.2", "Resource 1.1"]
    # Escape puts a grabbed item back where it was, and nothing is saved.
    grab.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Escape")
    expect(page.locator("#curriculum-announcer")).to_contain_text("cancelled")
    assert [p.title for p in first.get_children().order_by("path")] == ["Resource 1.2", "Resource 1.1"]


def test_the_moderators_course_review_passes_axe(page, live_url, school):
    log_in(page, live_url, school["moderator"].email)
    check(page, live_url, reverse("course_builder:curriculum", args=(school["draft"].pk,)), "course-review")
    expect(page.get_by_role("button", name="Approve and publish the course")).to_be_visible()
    if SHOTS:
        page.locator(".aula-builder__review").screenshot(path=f"{SHOTS}/checklist-moderator.png")
    log_in(page, live_url, school["teacher"].email)
    page.goto(live_url + reverse("course_builder:curriculum", args=(school["draft"].pk,)))
    expect(page.get_by_role("button", name="Submitted for review")).to_be_disabled()
    icon = page.locator(".aula-checklist__icon").first.bounding_box()
    assert icon["width"] <= 32 and icon["height"] <= 32, icon  # icon-sized, not 150 px
    if SHOTS:
        page.locator(".aula-builder__review").screenshot(path=f"{SHOTS}/checklist-instructor.png")


def test_the_administrators_orders_pass_axe(page, live_url, school):
    log_in(page, live_url, school["admin"].email)
    check(page, live_url, reverse("orders:index"), "orders")
    check(page, live_url, reverse("orders:inspect", args=(school["order"].pk,)), "order")
