"""The authoring journey, counted (issue 27, item 4): an instructor builds a course of two
sections, four resources (two videos, an audio with captions, a PDF) and one evaluation,
reorders a lesson and submits the course for review, starting from the admin's home with
the course's details already filled in.

Interactions are clicks and key entries (a filled field, a chosen file, a key press); page
loads are the main frame's loads. The BEFORE journey is the one the builder offered before
issue 27 (Wagtail's create form for every page, a chooser upload for every file, Up/Down
buttons); its numbers, measured on that builder, are printed beside the new journey's."""

import re
import shutil
import subprocess

import pytest
import wagtail_factories
from allauth.account.models import EmailAddress
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect
from wagtail.models import Page

from courses.models import CourseSubmission, ResourcePage, SectionPage
from courses.tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-strong-password-1"
CAPTIONS = "WEBVTT\n\n00:00:00.000 --> 00:00:03.000\nThe oven must be hot.\n"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


class Journey:
    """Counts what the instructor does: ``interactions`` and main-frame ``loads``."""

    def __init__(self, page):
        self.page, self.interactions, self.loads = page, 0, 0
        page.on("load", self._loaded)

    def _loaded(self, _page):
        self.loads += 1

    def click(self, locator):
        self.interactions += 1
        locator.click()

    def fill(self, locator, value):
        self.interactions += 1
        locator.fill(value)

    def files(self, locator, paths):
        self.interactions += 1
        locator.set_input_files(paths)

    def press(self, key):
        self.interactions += 1
        self.page.keyboard.press(key)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """Two short videos, an audio with its captions and a PDF, named as an instructor would."""
    if not shutil.which("ffmpeg"):
        pytest.skip("ffmpeg is needed to make the test media")
    folder = tmp_path_factory.mktemp("lessons")

    def make(name, *inputs):
        subprocess.run(
            ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", *inputs, str(folder / name)], check=True, timeout=120
        )
        return folder / name

    video = ["-f", "lavfi", "-i", "testsrc2=duration=3:size=160x90:rate=10", "-c:v", "libvpx", "-b:v", "50k"]
    audio = ["-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-c:a", "libvorbis"]
    paths = {
        "mixing": make("Mixing.webm", *video),
        "kneading": make("Kneading.webm", *video),
        "oven": make("Oven talk.ogg", *audio),
    }
    paths["captions"] = folder / "Oven talk.vtt"
    paths["captions"].write_text(CAPTIONS)
    paths["recipe"] = folder / "Recipe card.pdf"
    paths["recipe"].write_bytes(PDF)
    return paths


@pytest.fixture
def teacher():
    person = factories.instructor(email="baker@example.org", password=PASSWORD, display_name="Baker")
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    return person


@pytest.fixture
def course(teacher):
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
    page.goto(live_url + "/admin/")


def open_curriculum(j):
    j.click(j.page.get_by_role("button", name="Courses"))
    j.click(j.page.get_by_role("link", name="Course builder"))
    j.click(j.page.get_by_role("link", name="Bread baking"))
    expect(j.page.get_by_role("heading", name="Sections and resources")).to_be_visible()


def insert_block(j, label):
    page = j.page
    option = page.get_by_role("option", name=re.compile(f"^{label}"))
    body = page.locator("[data-contentpath='body']").first
    for _attempt in range(3):  # a click before the StreamField's script is ready opens nothing
        j.click(body.locator("button[title='Insert a block']").last)
        try:
            option.wait_for(state="visible", timeout=5000)
            break
        except PlaywrightTimeoutError:
            j.interactions -= 1  # the script was not ready: not the instructor's doing
    j.click(option)


def back_in_curriculum(j, title):
    expect(j.page.get_by_role("heading", name="Sections and resources")).to_be_visible(timeout=30000)
    expect(j.page.locator(".aula-curriculum")).to_contain_text(title)


# The journey before issue 27


def before_new_page(j, link, title, content=True):
    """Wagtail's create form: the title, and the slug on the Promote tab (it is required)."""
    j.click(j.page.get_by_role("link", name=link))
    j.fill(j.page.locator("#id_title"), title)
    j.click(j.page.get_by_role("tab", name="Promote"))
    j.fill(j.page.locator("#id_slug"), title.lower().replace(" ", "-"))
    if content:
        j.click(j.page.get_by_role("tab", name="Content"))


def before_save(j, title):
    """Save draft; once the editor's autosave has created the page, saving stays in the
    editor, and the way back is the header's "Course curriculum" (in its "…" menu)."""
    page = j.page
    j.click(page.get_by_role("button", name="Save draft"))
    heading = page.get_by_role("heading", name="Sections and resources")
    expect(heading.or_(page.locator(".messages .success")).first).to_be_visible(timeout=30000)
    if not heading.is_visible():
        link = page.get_by_role("link", name="Course curriculum")
        if not link.is_visible():
            j.click(page.locator("header [data-w-dropdown-target='toggle']").first)
        j.click(link)
    back_in_curriculum(j, title)


def before_upload_media(j, block, tab, title, path, captions=None):
    page = j.page
    insert_block(j, block)
    j.click(page.get_by_role("button", name=f"Choose {block.lower()}").last)
    modal = page.locator(".modal")
    j.click(modal.get_by_role("tab", name=tab))
    panel = modal.locator("[role='tabpanel']:visible")
    j.fill(panel.get_by_label("Title"), title)
    j.files(panel.locator("input[type='file']").first, str(path))
    j.click(panel.get_by_role("button", name=re.compile("Upload")))
    expect(modal).to_have_count(0, timeout=30000)
    if captions:
        j.click(page.locator("[data-contentpath='captions'] button[title='Add']").last)
        j.click(page.get_by_role("button", name="Choose caption track").last)
        j.click(modal.get_by_role("tab", name="Upload captions"))
        panel = modal.locator("[role='tabpanel']:visible")
        j.fill(panel.locator("input[name='title']"), title)  # its label points at the page's #id_title
        j.files(panel.locator("input[type='file']").first, str(captions))
        j.fill(panel.locator("input[name='label']"), "English")
        j.click(panel.get_by_role("button", name=re.compile("Upload|Create|Save")))
        expect(modal).to_have_count(0, timeout=30000)


def before_upload_pdf(j, title, path):
    page = j.page
    insert_block(j, "PDF")
    j.click(page.get_by_role("button", name=re.compile("Choose a document", re.I)).last)
    modal = page.locator(".modal")
    j.click(modal.get_by_role("tab", name="Upload"))
    panel = modal.locator("[role='tabpanel']:visible")
    j.fill(panel.get_by_label("Title"), title)
    j.files(panel.locator("input[type='file']").first, str(path))
    j.click(panel.get_by_role("button", name=re.compile("Upload")))
    expect(modal).to_have_count(0, timeout=30000)


def write_quiz(j, prefix="body-0-value"):
    """The evaluation's one question, in the editor (the same before and after)."""
    page = j.page
    questions = page.locator("[data-contentpath='questions']")
    option = page.get_by_role("option", name=re.compile("^Single choice"))
    j.click(questions.locator("button[title='Insert a block']").last)
    j.click(option)
    question = f"{prefix}-questions-0-value"
    j.fill(page.locator(f"[name='{question}-text']"), "What makes bread rise?")
    choices = page.locator(f"[data-contentpath='choices']:has([name='{question}-choices-0-value-text'])")
    j.click(choices.locator("button[title='Add']").last)
    j.fill(page.locator(f"[name='{question}-choices-0-value-text']"), "Yeast")
    j.click(page.locator(f"[name='{question}-choices-0-value-correct']"))
    j.fill(page.locator(f"[name='{question}-choices-1-value-text']"), "Salt")


def journey_before(j, files):
    page = j.page
    open_curriculum(j)
    for title in ("Dough", "Baking"):
        before_new_page(j, "Add section", title, content=False)
        before_save(j, title)
    for section, title, kind, tab, key in (
        ("Dough", "Mixing", "Video", "Upload Video", "mixing"),
        ("Dough", "Kneading", "Video", "Upload Video", "kneading"),
        ("Baking", "Oven talk", "Audio", "Upload Audio", "oven"),
    ):
        before_new_page(j, f"Add resource to “{section}”", title)
        before_upload_media(j, kind, tab, title, files[key], files["captions"] if key == "oven" else None)
        before_save(j, title)
    before_new_page(j, "Add resource to “Baking”", "Recipe card")
    before_upload_pdf(j, "Recipe card", files["recipe"])
    before_save(j, "Recipe card")
    before_new_page(j, "Add resource to “Baking”", "Bread quiz")
    insert_block(j, "Evaluation")
    j.fill(page.locator("[name='body-0-value-title']"), "Bread quiz")
    write_quiz(j)
    before_save(j, "Bread quiz")
    j.click(page.get_by_role("button", name="Move “Kneading” up"))
    expect(page.locator(".aula-curriculum__title").first).to_have_text("Dough")
    j.click(page.get_by_role("button", name="Submit course for review"))
    expect(page.locator(".messages")).to_contain_text("submitted for review")


def assert_course_built(course):
    sections = SectionPage.objects.child_of(course).order_by("path")
    assert [s.title for s in sections] == ["Dough", "Baking"]
    dough = [r.title for r in ResourcePage.objects.child_of(sections[0]).order_by("path")]
    assert dough == ["Kneading", "Mixing"]
    baking = {r.title: r for r in ResourcePage.objects.child_of(sections[1])}
    assert set(baking) == {"Oven talk", "Recipe card", "Bread quiz"}
    quiz = baking["Bread quiz"].get_latest_revision_as_object()
    assert quiz.body[0].block_type == "evaluation" and len(quiz.body[0].value["questions"]) == 1
    oven = baking["Oven talk"].get_latest_revision_as_object()
    assert oven.body[0].block_type == "audio" and len(oven.body[0].value["captions"]) == 1
    submission = CourseSubmission.objects.get()
    assert submission.pages.count() == 7
    assert not Page.objects.descendant_of(course, inclusive=True).filter(live=True).exists()


def test_the_authoring_journey_before_issue_27(page, live_url, teacher, course, files):
    log_in(page, live_url, teacher.email)
    j = Journey(page)
    try:
        journey_before(j, files)
    except Exception:
        page.screenshot(path="/tmp/shots/authoring/before-failure.png", full_page=True)
        raise
    print(f"\nAuthoring journey BEFORE: {j.interactions} interactions, {j.loads} page loads")
    assert_course_built(course)
