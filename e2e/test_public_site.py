"""The public site in Chromium: a student on a phone learns without reloads, every
language's catalog lists every course, no public page scrolls sideways on phones or logs
a console error, and the selling pages pass axe in two themes (screenshots to /tmp)."""

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from courses.learning import enrollment, progress
from courses.models import Category, CourseIndexPage, ResourcePage
from courses.tests import factories
from e2e.axe import serious_violations
from home.models import HomePage, SiteSettings, StandardPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-strong-password-1"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def site(locales):
    """A small catalog (free and paid courses), a French catalog with one translated course,
    a home page with the course blocks, an About page, an instructor and a student."""
    catalog = factories.catalog()
    design = Category.objects.create(name="Design", slug="design", locale=catalog.locale)
    teacher = factories.instructor(email="teacher@example.org", display_name="Iris Teacher")
    teacher.bio = "Iris has taught drawing for ten years."
    teacher.save()
    free = factories.build_course(
        title="Drawing for everyone", slug="drawing", price=0, featured=True, category=design, sections=2,
        learning_outcomes=[("item", "Draw a face"), ("item", "Shade with a pencil")],
        requirements=[("item", "A pencil")], audience="Beginners.",
    )  # fmt: skip
    free.instructors.add(teacher)
    factories.publish(free)
    paid = factories.build_course(title="Advanced watercolour", slug="watercolour", price="49.00", category=design)
    paid.instructors.add(teacher)
    factories.publish(paid)
    first, second, *_ = ResourcePage.objects.descendant_of(paid).order_by("path")
    ResourcePage.objects.filter(pk=second.pk).update(requirement="optional")
    french_catalog = catalog.copy_for_translation(locales["fr"].locale)
    french_catalog.title = "Cours"
    french_catalog.save_revision().publish()
    french_free = free.copy_for_translation(locales["fr"].locale)
    french_free.title = "Le dessin pour tous"
    french_free.save_revision().publish()
    home = HomePage.objects.get(locale__language_code="en")
    home.seo_title = "Learn from practitioners"
    home.body = [
        ("hero", {"heading": "Learn from practitioners", "text": "Courses at your pace."}),
        ("course_search", {"heading": "What do you want to learn?"}),
        ("featured_courses", {"heading": "Featured courses", "count": 3}),
        ("categories", {"heading": "Browse by subject"}),
    ]
    home.save_revision().publish()
    about = home.add_child(instance=StandardPage(title="About", slug="about", introduction="Who we are."))
    about.save_revision().publish()
    student = factories.UserFactory(email="student@example.org", password=PASSWORD, display_name="Sam")
    EmailAddress.objects.create(user=student, email=student.email, verified=True, primary=True)
    teacher.set_password(PASSWORD)
    teacher.save()
    EmailAddress.objects.create(user=teacher, email=teacher.email, verified=True, primary=True)
    return {
        "catalog": CourseIndexPage.objects.get(pk=catalog.pk), "french_catalog": french_catalog,
        "free": free, "paid": paid, "preview": first, "student": student, "teacher": teacher, "about": about,
    }  # fmt: skip


def log_in(page, live_url, email):
    page.goto(live_url + "/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r".*/dashboard/"))


def test_a_student_on_a_phone_enrolls_completes_a_lesson_and_sees_progress_without_reload(page, live_url, site):
    page.set_viewport_size(PHONE)
    log_in(page, live_url, site["student"].email)
    page.goto(live_url + site["free"].url)
    expect(page.locator(".course-enroll-bar")).to_be_visible()  # the phone's sticky bar
    page.get_by_role("button", name="Enroll for free").click()
    expect(page.get_by_text("You are enrolled. Enjoy the course!")).to_be_visible()
    page.get_by_role("link", name="Start the course").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Resource 1.1")
    page.evaluate("window.aulaNoReload = true")
    expect(page.locator("#progress-sidebar")).to_have_attribute("value", "0")
    page.get_by_role("button", name="Mark as complete").click()
    expect(page.get_by_text("You have completed this resource.")).to_be_visible()
    expect(page.locator("#progress-sidebar")).to_have_attribute("value", "25")
    expect(page.get_by_text("1 of 4 requirements met")).to_be_visible()
    current = page.locator('.outline-sidebar li[aria-current="page"]')
    expect(current.locator("svg.icon use").first).to_have_attribute("href", re.compile("#circle-check$"))
    assert page.evaluate("window.aulaNoReload") is True  # the same page: nothing reloaded
    expect(page.get_by_role("heading", name="Up next")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path="/tmp/pub-phone-resource-completed.png", full_page=True)
    assert serious_violations(page) == []


def test_the_french_catalog_lists_every_course(page, live_url, site):
    page.goto(live_url + site["french_catalog"].url)
    cards = page.locator(".course-card h2")
    expect(cards).to_have_count(2)
    expect(page.get_by_role("link", name="Le dessin pour tous")).to_be_visible()
    untranslated = page.get_by_role("link", name="Advanced watercolour")
    expect(untranslated).to_be_visible()
    expect(page.locator(".badge-language")).to_have_count(1)
    # Filters apply as soon as they change (no button press).
    page.get_by_label("Prix").select_option("paid")
    page.wait_for_url(re.compile(r"price=paid"))
    expect(cards).to_have_count(1)
    assert serious_violations(page) == []


def public_paths(site):
    section = site["free"].get_children().first()
    locked = ResourcePage.objects.descendant_of(site["paid"]).order_by("path").last()
    return [
        locked.url,  # the page shown instead of a resource the visitor may not open
        "/en/", site["catalog"].url, site["catalog"].url + "?q=drawing", site["free"].url, section.url,
        site["preview"].url, site["paid"].url, site["about"].url, "/en/accounts/login/", "/en/accounts/signup/",
        site["french_catalog"].url,
    ]  # fmt: skip


@pytest.mark.parametrize("width", [360, 414])
def test_no_public_page_scrolls_sideways_or_logs_a_console_error_on_phones(page, live_url, site, width):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": width, "height": 800})
    wide, logged = [], {}
    locked = public_paths(site)[0]
    for path in public_paths(site):
        errors.clear()
        page.goto(live_url + path)
        if not page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"):
            wide.append(path)
        if path == locked:  # the refusal page is answered with 403: Chromium logs the status itself
            errors[:] = [error for error in errors if "status of 403" not in error]
        if errors:
            logged[path] = list(errors)
    assert wide == []
    assert logged == {}


def test_no_signed_in_page_logs_a_console_error(page, live_url, site):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    enrollment.enroll(site["student"], site["free"], enrollment.Source.FREE)
    log_in(page, live_url, site["student"].email)
    for resource in ResourcePage.objects.descendant_of(site["free"]).specific():
        progress.mark_complete(site["student"], resource)
    completed = f"/en/learn/{site['free'].pk}/completed/"
    for path in ["/en/dashboard/", site["free"].url, site["preview"].url, "/en/accounts/profile/", completed]:
        page.goto(live_url + path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    expect(page.get_by_role("heading", name="Congratulations!")).to_be_visible()
    page.set_viewport_size(PHONE)
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path="/tmp/pub-completion-phone.png", full_page=True)
    assert serious_violations(page) == []
    assert errors == []


@pytest.mark.parametrize("theme", ["aula", "night"])
def test_selling_pages_pass_axe_on_desktop_and_phone(page, live_url, site, theme):
    home = HomePage.objects.get(locale__language_code="en")
    SiteSettings.objects.update_or_create(site=home.get_site(), defaults={"theme": theme})
    enrollment.enroll(site["student"], site["free"], enrollment.Source.FREE)
    pages = {"home": "/en/", "catalog": site["catalog"].url, "landing": site["free"].url}
    failures = {}
    for size_name, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        for name, path in pages.items():
            page.goto(live_url + path)
            page.screenshot(path=f"/tmp/pub-{name}-{theme}-{size_name}.png", full_page=True)
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
            failures[f"{name} {size_name}"] = serious_violations(page)
    log_in(page, live_url, site["teacher"].email)
    for size_name, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.goto(live_url + "/en/dashboard/")
        expect(page.get_by_role("heading", name="Courses you teach")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.screenshot(path=f"/tmp/pub-instructor-dashboard-{theme}-{size_name}.png", full_page=True)
        failures[f"dashboard {size_name}"] = serious_violations(page)
    assert {name: found for name, found in failures.items() if found} == {}
