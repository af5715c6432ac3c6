"""The course builder in Chromium: an instructor builds a course (two sections, three
lessons) from the curriculum view and submits it once; a moderator approves it and the
whole course is live; the instructor never gets a Publish button; the publish checklist
blocks an empty course."""

import pytest
import wagtail_factories
from allauth.account.models import EmailAddress
from playwright.sync_api import expect
from wagtail.models import Page

from courses.models import CoursePage, CourseSubmission
from courses.tests import factories
from e2e.axe import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-strong-password-1"


def user(make, email):
    person = make(email=email, password=PASSWORD, display_name=email.split("@")[0].title())
    EmailAddress.objects.create(user=person, email=email, verified=True, primary=True)
    return person


@pytest.fixture
def teacher():
    return user(factories.instructor, "builder@example.org")


@pytest.fixture
def new_course(teacher):
    """A draft course with its essentials (summary, cover) and nothing in it yet."""
    course = factories.build_course(
        sections=0, title="Bread baking", slug="bread-baking", owner=teacher, live=False, summary="Loaves at home."
    )
    course.cover_image = wagtail_factories.ImageFactory(title="Loaf")
    course.instructors.add(teacher)
    course.save()
    course.save_revision(user=teacher)
    return course


def log_in(page, live_url, email):
    page.goto(live_url + "/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def open_curriculum(page, live_url, title):
    page.goto(live_url + "/admin/")
    page.get_by_role("button", name="Courses").click()
    page.get_by_role("link", name="Course builder").click()
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", name="Sections and resources")).to_be_visible()


def add_page(page, section, title):
    """A section (``section`` None) or a resource added in place: its title, then "Add"."""
    if section is None:
        page.get_by_label("New section", exact=True).fill(title)
        page.get_by_role("button", name="Add section").click()
    else:
        page.get_by_label(f"New resource in “{section}”", exact=True).fill(title)
        page.get_by_role("button", name=f"Add resource to “{section}”").click()
    expect(page.get_by_role("heading", name="Sections and resources")).to_be_visible()
    expect(page.locator(".aula-curriculum")).to_contain_text(title)


def build_and_submit(page, live_url, teacher):
    log_in(page, live_url, teacher.email)
    open_curriculum(page, live_url, "Bread baking")
    add_page(page, None, "Dough")
    add_page(page, None, "Baking")
    add_page(page, "Dough", "Flour and water")
    add_page(page, "Dough", "Kneading")
    add_page(page, "Baking", "The oven")
    # Kneading before flour? No: move it down and back with the keyboard-reachable buttons.
    page.get_by_role("button", name="Move “Kneading” up").click()
    expect(page.locator(".messages")).to_contain_text("moved")
    items = page.locator(".aula-curriculum__title")
    expect(items).to_have_text(["Dough", "Kneading", "Flour and water", "Baking", "The oven"])
    page.get_by_role("button", name="Move “Kneading” down").focus()
    page.keyboard.press("Enter")
    expect(items).to_have_text(["Dough", "Flour and water", "Kneading", "Baking", "The oven"])
    expect(page.locator(".aula-checklist__item--missing")).to_have_count(0)
    page.get_by_role("button", name="Submit course for review").click()
    expect(page.locator(".messages")).to_contain_text("submitted for review with 5 changed sections and resources")
    expect(page.locator(".aula-builder__course")).to_contain_text("In review")


def test_an_instructor_builds_a_course_and_submits_it_once(page, live_url, teacher, new_course):
    build_and_submit(page, live_url, teacher)
    submission = CourseSubmission.objects.get()
    assert submission.course.pk == new_course.pk and submission.pages.count() == 5
    assert not Page.objects.descendant_of(new_course, inclusive=True).filter(live=True).exists()


def test_a_moderator_approves_the_course_and_all_of_it_is_live(browser, page, live_url, teacher, new_course):
    build_and_submit(page, live_url, teacher)
    moderator = user(factories.moderator, "moderator@example.org")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    review = context.new_page()
    try:
        log_in(review, live_url, moderator.email)
        open_curriculum(review, live_url, "Bread baking")
        listed = review.locator(".aula-review-pages")
        for title in ("Dough", "Flour and water", "Kneading", "Baking", "The oven"):
            expect(listed).to_contain_text(title)
        with review.expect_popup() as popup:
            listed.get_by_role("link", name="The oven").click()
        expect(popup.value.get_by_role("heading", name="The oven")).to_be_visible()
        popup.value.close()
        review.get_by_role("button", name="Approve and publish the course").click()
        expect(review.locator(".aula-builder__course")).to_contain_text("Live")
        expect(review.locator(".aula-builder__review")).to_contain_text("Nothing has changed since")
    finally:
        context.close()
    pages = Page.objects.descendant_of(new_course, inclusive=True)
    assert pages.count() == 6 and not pages.filter(live=False).exists()
    page.goto(live_url + CoursePage.objects.get(pk=new_course.pk).url)
    expect(page.get_by_role("heading", name="Bread baking", level=1)).to_be_visible()
    expect(page.get_by_text("The oven").first).to_be_visible()


def test_an_instructor_cannot_publish_directly(page, live_url, teacher, new_course):
    lesson_parent = factories.SectionPageFactory(parent=new_course, title="Only section", live=False)
    lesson = factories.ResourcePageFactory(parent=lesson_parent, title="Only lesson", live=False)
    log_in(page, live_url, teacher.email)
    page.goto(f"{live_url}/admin/pages/{new_course.pk}/edit/")
    footer = page.locator("footer.footer")
    footer.get_by_role("button", name="More actions").click()
    expect(footer.get_by_role("button", name="Submit course for review")).to_be_visible()
    expect(footer.locator("[name='action-publish']")).to_have_count(0)
    page.goto(f"{live_url}/admin/pages/{lesson.pk}/edit/")
    expect(footer.get_by_role("button", name="Save draft")).to_be_visible()
    expect(footer.locator("[name='action-publish']")).to_have_count(0)
    # A forged "Publish" only saves a draft.
    page.locator("#id_title").fill("Published behind the moderator's back")
    page.evaluate(
        """() => { const form = document.querySelector("form[data-edit-form]") || document.querySelector("main form");
                   const input = document.createElement("input"); input.type = "hidden"; input.name = "action-publish";
                   input.value = "action-publish"; form.appendChild(input); form.requestSubmit(); }"""
    )
    expect(page.locator(".messages")).to_contain_text("has been updated")
    lesson.refresh_from_db()
    assert not lesson.live and lesson.get_latest_revision_as_object().title == "Published behind the moderator's back"


def test_the_publish_checklist_blocks_an_empty_course(page, live_url, teacher):
    empty = factories.build_course(sections=0, title="Empty course", slug="empty-course", owner=teacher, live=False)
    empty.instructors.add(teacher)
    empty.save()
    log_in(page, live_url, teacher.email)
    page.goto(live_url + "/admin/courses/builder/")
    assert serious_violations(page) == []
    open_curriculum(page, live_url, "Empty course")
    assert serious_violations(page) == []
    missing = page.locator(".aula-checklist__item--missing")
    expect(missing).to_have_count(2)
    for item in ("A cover image", "At least one resource"):
        expect(missing.filter(has_text=item)).to_have_count(1)
    page.get_by_role("button", name="Submit course for review").click()
    expect(page.locator(".messages")).to_contain_text("cannot go live yet")
    expect(page.locator(".messages")).to_contain_text("A cover image")
    assert not CourseSubmission.objects.exists()
