"""A translator translates a course into French in wagtail-localize's own editor, in
Chromium: "Translate this page" with the subtree (ticked by default), then a section
title, a resource's rich text, a question's choice and a caption cue, each submitted for
review; a moderator publishes; the French pages show the translations and serve French
captions; the English source is unchanged."""

import pytest
import wagtail_factories
from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.urls import reverse
from playwright.sync_api import expect
from wagtail.models import Locale, Page

from accounts.roles import MODERATORS, TRANSLATORS
from assessments.tests.factories import choice, evaluation_data, question
from courses.models import ResourcePage, SectionPage
from courses.tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-strong-password-1"
VTT = "WEBVTT\n\n00:00:00.500 --> 00:00:03.000\nHello, world\n\n00:00:03.000 --> 00:00:05.000\nLook up\n"


def user(email, group):
    account = factories.UserFactory(email=email, password=PASSWORD, groups=[group])
    EmailAddress.objects.create(user=account, email=email, verified=True, primary=True)
    return account


@pytest.fixture
def course(locales):
    course = factories.build_course(
        title="Astronomy", slug="astronomy", sections=1, resources_per_section=1,
        cover_image=wagtail_factories.ImageFactory(),  # the publish checklist wants one
    )  # fmt: skip
    resource = ResourcePage.objects.descendant_of(course).get().specific
    track = factories.CaptionTrackFactory(file=ContentFile(VTT.encode(), name="sky.vtt"))
    quiz = evaluation_data(
        [question("single_choice", "planet", "Which planet is closest to the Sun?",
                  choices=[choice("right", "Mercury", True), choice("wrong", "Venus")])]
    )  # fmt: skip
    resource.body = [
        ("rich_text", "<p>Read this first.</p>"),
        ("video", {"title": "The night sky", "video": factories.CourseMediaFactory(), "captions": [track]}),
        *[(b["type"], b["value"]) for b in quiz],
    ]
    factories.publish(resource)
    return course


def log_in(page, live_url, email):
    page.goto(live_url + "/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def log_out(page):
    page.context.clear_cookies()


def translate_segment(page, source_text, translation):
    segment = page.locator("li.incomplete").filter(has=page.get_by_text(source_text, exact=True)).first
    segment.get_by_role("button", name="Translate").click()
    segment.locator("textarea").fill(translation)
    with page.expect_response(lambda r: "/strings/" in r.url and r.request.method in ("PUT", "POST")) as saved:
        segment.get_by_role("button", name="Save").click()
    assert saved.value.ok


def submit_for_review(page):
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("was submitted for review")).to_be_visible()


def french(page_in_english):
    return page_in_english.get_translation(Locale.objects.get(language_code="fr")).specific


def test_a_translator_translates_a_course_into_french_and_a_moderator_publishes_it(page, live_url, course):
    user("translator@aula.test", TRANSLATORS)
    user("moderator@aula.test", MODERATORS)
    section = SectionPage.objects.child_of(course).get()
    resource = ResourcePage.objects.child_of(section).get()

    log_in(page, live_url, "translator@aula.test")
    page.goto(f"{live_url}/admin/pages/{course.get_parent().pk}/")  # the English catalog: they may look
    page.get_by_role("button", name="More options for 'Astronomy'").click()
    page.get_by_role("link", name="Translate this page").click()
    expect(page.get_by_label("Include subtree (2 pages)")).to_be_checked()
    page.get_by_label("French").check()
    page.get_by_role("button", name="Submit").click()
    expect(page.locator(".js-translation-editor")).to_be_visible()  # the new French course's editor
    assert "/admin/pages/" in page.url and "edit" in page.url

    page.goto(f"{live_url}/admin/pages/{french(section).pk}/edit/")
    translate_segment(page, "Section 1", "Chapitre 1")

    page.goto(f"{live_url}/admin/pages/{french(resource).pk}/edit/")
    translate_segment(page, "Read this first.", "Lisez ceci d'abord.")
    translate_segment(page, "Mercury", "Mercure")
    translate_segment(page, "Hello, world", "Bonjour, le monde")
    submit_for_review(page)  # the whole French course, once (courses.course_review)

    log_out(page)
    log_in(page, live_url, "moderator@aula.test")
    page.goto(f"{live_url}/admin/pages/{french(course.get_parent()).pk}/edit/")  # the catalog: a page of its own
    page.get_by_role("button", name="Publish in French").click()
    expect(page.get_by_text("Published", exact=False).first).to_be_visible()
    page.goto(live_url + reverse("course_builder:curriculum", args=(french(course).pk,)))
    page.get_by_role("button", name="Approve and publish the course").click()
    expect(page.locator(".aula-builder__course")).to_contain_text("Live")

    log_out(page)
    french_resource = french(resource)
    assert french_resource.live
    page.goto(live_url + french_resource.url)
    expect(page.get_by_text("Lisez ceci d'abord.")).to_be_visible()
    track = page.locator('track[srclang="fr"]')
    expect(track).to_have_attribute("default", "")
    captions = page.request.get(live_url + track.get_attribute("src"))
    assert captions.ok and "00:00:00.500 --> 00:00:03.000\nBonjour, le monde" in captions.text()
    page.goto(live_url + french(section).url)
    expect(page.get_by_role("heading", name="Chapitre 1", exact=True)).to_be_visible()
    choices = [c["text"] for c in french_resource.body[2].value["questions"][0].value["choices"]]
    assert choices == ["Mercure", "Venus"]

    # the English source is unchanged
    resource.refresh_from_db()
    assert "Read this first." in str(resource.body[0].value)
    assert [c["text"] for c in resource.body[2].value["questions"][0].value["choices"]] == ["Mercury", "Venus"]
    assert Page.objects.get(pk=section.pk).title == "Section 1"
    page.goto(live_url + resource.url)
    expect(page.get_by_text("Read this first.")).to_be_visible()
    expect(page.locator('track[srclang="fr"]')).to_have_count(0)
