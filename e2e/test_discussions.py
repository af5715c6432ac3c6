"""A page's discussion in a real browser: ask, reply, report, moderate; axe finds no
serious problem in what a participant or a moderator sees."""

import re

import pytest
from django.contrib.auth.models import Group

from discussions.tests.conftest import TEST_TEMPLATES, Policy
from e2e.axe import serious_violations
from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "copper-Meadow-81"


@pytest.fixture
def lesson(live_url, settings, monkeypatch):
    """A StandardPage that opts in for this test (see discussions/tests/conftest.py)."""
    rules = Policy()
    monkeypatch.setattr(
        StandardPage, "discussion_permissions", lambda page, user: rules.permissions(user), raising=False
    )
    monkeypatch.setattr(StandardPage, "discussion_recipients", lambda page: [], raising=False)
    monkeypatch.setattr(StandardPage, "template", "discussions_test/page.html")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEST_TEMPLATES]}]
    home = HomePage.objects.get(locale__language_code="en")
    page = home.add_child(instance=StandardPage(title="Photosynthesis", slug="photosynthesis"))
    page.rules = rules
    return page


def log_in(page, live_url, email):
    page.goto(live_url + "/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def test_ask_reply_report_and_moderate(page, live_url, lesson, user_factory, tmp_path):
    student = user_factory("stu@example.com", PASSWORD, display_name="Stu Dent")
    classmate = user_factory("otto@example.com", PASSWORD, display_name="Otto Other")
    user_factory("mo@example.com", PASSWORD, display_name="Mo Derator", groups=["Moderators"])
    lesson.rules.members |= {student.pk, classmate.pk}
    assert Group.objects.filter(name="Moderators").exists()

    log_in(page, live_url, "stu@example.com")
    page.goto(live_url + lesson.url)
    page.get_by_label("Your question").fill("Why are leaves **green**?\n\n<script>alert(1)</script>")
    page.get_by_role("button", name="Post your question").click()
    page.wait_for_url(re.compile(r".*#post-\d+$"))
    assert page.get_by_role("status").filter(has_text="Your question is posted.").is_visible()
    question = page.locator("article.discussion-post").first
    assert question.locator("strong", has_text="green").is_visible()
    assert question.locator(".discussion-body").get_by_text("<script>alert(1)</script>").is_visible()  # as text
    assert serious_violations(page) == []
    page.screenshot(path=str(tmp_path / "student.png"), full_page=True)

    page.context.clear_cookies()
    log_in(page, live_url, "otto@example.com")
    page.goto(live_url + lesson.url)
    page.locator("summary", has_text="Reply").first.click()
    page.get_by_label("Your reply").fill("Chlorophyll reflects green light.")
    page.get_by_role("button", name="Post your reply").click()
    page.wait_for_url(re.compile(r".*#post-\d+$"))
    page.locator("summary", has_text="Report").first.click()
    page.get_by_label(re.compile("Why should a moderator look")).fill("Script in the post")
    page.screenshot(path=str(tmp_path / "report-form.png"), full_page=True)
    page.get_by_role("button", name="Report to a moderator").click()
    assert page.get_by_text("Thank you: a moderator will look at this post.").is_visible()
    assert page.get_by_text("You reported this post.").is_visible()

    page.context.clear_cookies()
    log_in(page, live_url, "mo@example.com")
    page.goto(live_url + lesson.url)
    assert page.get_by_text("Reported once").is_visible()
    page.get_by_role("button", name="Hide the post by Stu Dent").click()
    page.wait_for_load_state()
    assert page.get_by_role("button", name="Unhide the post by Stu Dent").is_visible()
    page.get_by_role("button", name="Lock the discussion").click()
    page.wait_for_load_state()
    assert page.get_by_text("This discussion is locked: no new posts or edits.").is_visible()
    assert serious_violations(page) == []
    page.screenshot(path=str(tmp_path / "moderator.png"), full_page=True)

    page.context.clear_cookies()
    log_in(page, live_url, "otto@example.com")
    page.goto(live_url + lesson.url)
    assert page.get_by_text("This post was hidden by a moderator.").is_visible()
    assert page.get_by_label("Your question").count() == 0
    page.screenshot(path=str(tmp_path / "classmate.png"), full_page=True)
