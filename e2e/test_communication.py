"""Announcements, private messages and the contact form in a real browser: an instructor
posts a course announcement in the admin, the enrolled student sees it on the dashboard
and the course page (and is e-mailed in their language), writes to the instructor, who
answers, and marks the conversation answered; a visitor uses the contact form. axe finds
no serious problem on the pages a student sees."""

import re
import time

import pytest
from django.core import mail
from wagtail.models import Site

from courses.learning import enrollment
from courses.tests import factories
from e2e.axe import serious_violations
from home.models import SiteSettings
from notifications.models import ContactMessage, MessageThread, Notification

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "copper-Meadow-81"


def log_in(page, live_url, email):
    page.context.clear_cookies()
    page.goto(live_url + "/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


@pytest.fixture
def course(live_url, user_factory):
    teacher = user_factory("iris@example.com", PASSWORD, display_name="Iris Instructor", groups=["Instructors"])
    course = factories.build_course(title="Python basics", slug="python-basics", price=0, owner=teacher, sections=1)
    course.instructors.add(teacher)
    course.save()
    student = user_factory("sam@example.com", PASSWORD, display_name="Sam Student", language="es")
    enrollment.enroll(student, course, enrollment.Source.FREE)
    return course


def test_announce_message_answer(page, live_url, course, tmp_path):
    log_in(page, live_url, "iris@example.com")
    page.goto(live_url + "/admin/communication/announcements/new/")
    page.locator("#id_course").select_option(label="Python basics")
    page.locator("#id_title").fill("Live Q&A on Friday")
    page.locator("#id_body").fill("Join the **live Q&A** at 18:00.")
    page.get_by_role("button", name="Create").click()
    page.wait_for_load_state()
    told = Notification.objects.get(kind="notifications.announcement")
    assert (told.recipient.email, told.language) == ("sam@example.com", "es")
    assert [m.to for m in mail.outbox] == [["sam@example.com"]]
    assert "Live Q&A on Friday" in mail.outbox[0].subject

    log_in(page, live_url, "sam@example.com")
    page.goto(live_url + "/en/dashboard/")
    announcement = page.locator("article.announcement")
    assert announcement.get_by_role("heading", name="Live Q&A on Friday").is_visible()
    assert announcement.locator("strong", has_text="live Q&A").is_visible()
    assert serious_violations(page) == []
    page.goto(live_url + course.url)
    assert page.get_by_role("heading", name="Live Q&A on Friday").is_visible()
    page.get_by_role("link", name="Write to the instructors").click()
    page.get_by_label("Subject").fill("Question about loops")
    page.get_by_label("Your message to the course's instructors").fill(
        "Why does `range(5)` stop at 4? <script>x</script>"
    )
    assert serious_violations(page) == []
    page.get_by_role("button", name="Send").click()
    page.wait_for_url(re.compile(r".*/messages/\d+/$"))
    assert page.get_by_text("<script>x</script>").is_visible()  # as text
    thread_url = page.url
    page.screenshot(path=str(tmp_path / "thread-student.png"), full_page=True)

    log_in(page, live_url, "iris@example.com")
    page.goto(live_url + "/en/messages/")
    page.get_by_role("link", name="Question about loops").click()
    page.get_by_label("Your message").fill("Because it stops **before** 5.")
    page.get_by_role("button", name="Send").click()
    assert page.get_by_text("Your message is sent.").is_visible()

    log_in(page, live_url, "sam@example.com")
    page.goto(live_url + "/en/dashboard/")
    assert page.get_by_role("link", name="Question about loops").is_visible()  # unread
    page.goto(thread_url)
    assert page.locator("strong", has_text="before").is_visible()
    page.get_by_role("button", name="Mark as answered").click()
    assert page.get_by_text("The conversation is marked as answered.").is_visible()
    assert MessageThread.objects.get().status == MessageThread.Status.ANSWERED
    assert serious_violations(page) == []
    page.goto(live_url + "/en/dashboard/")
    page.get_by_role("button", name="Dismiss Live Q&A on Friday").click()
    page.wait_for_load_state()
    assert page.locator("article.announcement").count() == 0


def test_the_contact_form(page, live_url, settings):
    settings.AULA_CONTACT_MIN_SECONDS = 1
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.contact_form_enabled, site_settings.contact_email = True, "hello@example.com"
    site_settings.save()
    page.goto(live_url + "/en/")
    page.get_by_role("link", name="Contact").click()
    page.get_by_label("Your name").fill("Grace")
    page.get_by_label("Your e-mail address").fill("grace@example.org")
    page.get_by_label("Subject").fill("Group prices")
    page.get_by_label("Message").fill("Do you have prices for a class of 20?")
    assert serious_violations(page) == []
    time.sleep(1.2)  # a person takes longer than the minimum fill time
    page.get_by_role("button", name="Send").click()
    assert page.get_by_text("Thank you: your message is sent.").is_visible()
    assert ContactMessage.objects.get().subject == "Group prices"
    assert [m.to for m in mail.outbox] == [["hello@example.com"]]
