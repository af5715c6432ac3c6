from django.contrib.auth import get_user_model

from courses import demo
from courses.models import CaptionTrack, CourseMedia, CoursePage, ResourcePage


def test_seed_creates_three_courses_with_every_block_type_and_is_idempotent(capsys):
    courses = {c.slug: c for c in CoursePage.objects.all()}
    assert {"python-from-scratch", "data-visualisation", "interface-design"} <= set(courses)
    assert courses["python-from-scratch"].is_free
    assert courses["data-visualisation"].price > 0 and courses["data-visualisation"].audit_allowed
    assert courses["interface-design"].price > 0 and not courses["interface-design"].audit_allowed
    assert len({c.category_id for c in courses.values()}) == 3

    block_types = {block.block_type for r in ResourcePage.objects.all() for block in r.body}
    assert block_types == {
        *("video", "audio", "pdf", "image", "rich_text", "markdown", "external_link", "embed", "file"),
        "evaluation",
        "live_session",
        "slides",
    }
    video = CourseMedia.objects.filter(type="video").first()
    assert video.file.read(12)[4:8] == b"ftyp"
    # Durations as read from the files (completion depends on them): 6 s videos, 8 s audios.
    assert {round(m.duration) for m in CourseMedia.objects.all()} == {6, 8}
    assert CaptionTrack.objects.filter(language="es").exists()
    assert all(track.cues for track in CaptionTrack.objects.all())

    assert demo.seed(capsys) == 0


def test_every_language_has_the_catalog_in_its_menu_listing_every_course(client):
    from wagtail.models import Locale

    english = list(CoursePage.objects.live().filter(locale__language_code="en"))
    assert len(english) >= 3
    for code in ("en", "es", "pt-br", "fr"):
        html = client.get(f"/{code}/").content.decode()
        assert f'href="/{code}/courses/"' in html, code
        catalog_html = client.get(f"/{code}/courses/").content.decode()
        locale = Locale.objects.get(language_code=code)
        for course in english:
            shown = course.get_translation_or_none(locale) or course
            assert f">{shown.title}</a>" in catalog_html, (code, shown.title)


def test_the_demo_slide_deck_has_its_pdf_ready(client):
    from courses.models import SlideDeckPdf

    english = ResourcePage.objects.filter(locale__language_code="en", url_path__contains="python-from-scratch")
    deck = english.get(slug="the-course-in-slides")
    assert SlideDeckPdf.objects.get(page=deck).is_ready
    client.force_login(get_user_model().objects.get(email="student@aula.test"))  # enrolled in the free course
    html = client.get(deck.url).content.decode()
    assert "Slide 3 of 3" in html and "Download the slides (PDF)" in html
