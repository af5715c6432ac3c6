"""The slides block: a deck readable without JavaScript, completed with the button, its
PDF made in the background and served through the access rule; bad decks refused with a
clear message."""

import contextlib
import re
import zlib

import pytest
import wagtail_factories
from wagtail.blocks.struct_block import StructBlockValidationError

from courses.learning import enrollment
from courses.models import Completion, ResourcePage, SlideDeckPdf
from courses.slide_blocks import MAX_SLIDES, SlidesBlock

from . import factories

pytestmark = pytest.mark.django_db


def slide(text, notes="", image=None, alt=""):
    return {"text": f"<h2>{text}</h2><p>About {text}.</p>", "image": image, "image_alt": alt, "notes": notes}


def deck(*texts, title="Getting started", **kwargs):
    return ("slides", {"title": title, "slides": [slide(text, **kwargs) for text in texts]})


def with_deck(course, body, django_capture_on_commit_callbacks, run_jobs=True):
    resource = ResourcePage.objects.descendant_of(course).order_by("path")[1]
    resource.body = [body]
    with django_capture_on_commit_callbacks(execute=run_jobs):
        factories.publish(resource)
    return resource


@pytest.fixture
def enrolled(free_course, student):
    enrollment.enroll(student, free_course, enrollment.Source.FREE)
    return student


def test_every_slide_is_readable_in_order_without_javascript(
    client, free_course, enrolled, django_capture_on_commit_callbacks
):
    resource = with_deck(
        free_course,
        deck("First idea", "Second idea", "Third idea", notes="Pause here."),
        django_capture_on_commit_callbacks,
    )
    client.force_login(enrolled)
    html = client.get(resource.url).content.decode()
    assert html.index("First idea") < html.index("Second idea") < html.index("Third idea")
    assert 'aria-label="Slide 2 of 3"' in html
    assert "<summary>Speaker notes</summary>" in html and "Pause here." in html
    assert 'aria-live="polite"' in html
    assert "courses/js/slides.js" in html


def test_a_slides_resource_completes_with_the_button(client, free_course, enrolled, django_capture_on_commit_callbacks):
    resource = with_deck(free_course, deck("Only slide"), django_capture_on_commit_callbacks)
    client.force_login(enrolled)
    html = client.get(resource.url).content.decode()
    assert 'data-aula-completion="button"' in html and "Mark as complete" in html
    client.post(f"/en/learn/resource/{resource.pk}/complete/")
    assert Completion.objects.filter(user=enrolled, resource_key=resource.translation_key).exists()


def test_the_pdf_is_being_prepared_until_the_job_has_run(
    client, free_course, enrolled, django_capture_on_commit_callbacks
):
    resource = with_deck(free_course, deck("One", "Two"), django_capture_on_commit_callbacks, run_jobs=False)
    client.force_login(enrolled)
    html = client.get(resource.url).content.decode()
    assert "The PDF of these slides is being prepared." in html
    assert "Download the slides (PDF)" not in html
    row = SlideDeckPdf.objects.get(page=resource)
    assert row.status == SlideDeckPdf.Status.PREPARING and not row.file

    from courses.slide_decks import render_deck_pdf

    render_deck_pdf(row.pk)  # the background job
    html = client.get(resource.url).content.decode()
    assert "being prepared" not in html and "Download the slides (PDF)" in html


def _pdf_objects(data):
    """The PDF's objects, its compressed streams inflated."""
    parts = [data]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(stream))
    return b"".join(parts)


def test_the_pdf_holds_every_slide(client, free_course, enrolled, django_capture_on_commit_callbacks):
    image = wagtail_factories.ImageFactory(collection=free_course.collection)
    body = (
        "slides",
        {"title": "Deck", "slides": [slide("One", image=image, alt="A chart"), slide("Two"), slide("Three")]},
    )
    resource = with_deck(free_course, body, django_capture_on_commit_callbacks)
    row = SlideDeckPdf.objects.get(page=resource)
    assert row.status == SlideDeckPdf.Status.READY
    client.force_login(enrolled)
    response = client.get(f"/media-files/slides/{resource.pk}/{row.fingerprint}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="deck.pdf"'
    data = b"".join(response.streaming_content) if response.streaming else response.content
    assert data.startswith(b"%PDF") and b"/Count 3" in _pdf_objects(data)  # one page per slide
    assert not row.file.storage.url(row.file.name)  # private storage: no public address


def test_an_edited_deck_gets_a_new_pdf_and_the_old_one_goes(free_course, django_capture_on_commit_callbacks):
    resource = with_deck(free_course, deck("One"), django_capture_on_commit_callbacks)
    old = SlideDeckPdf.objects.get(page=resource)
    old_name, storage = old.file.name, old.file.storage
    resource.body = [deck("One, edited")]
    with django_capture_on_commit_callbacks(execute=True):
        factories.publish(resource)
    new = SlideDeckPdf.objects.get(page=resource)
    assert new.fingerprint != old.fingerprint and new.status == SlideDeckPdf.Status.READY
    assert not storage.exists(old_name)


def test_a_pdf_of_an_old_version_or_unknown_deck_is_not_found(
    client, free_course, enrolled, django_capture_on_commit_callbacks
):
    resource = with_deck(free_course, deck("One"), django_capture_on_commit_callbacks)
    client.force_login(enrolled)
    assert client.get(f"/media-files/slides/{resource.pk}/{'0' * 64}.pdf").status_code == 404
    assert client.get(f"/media-files/slides/999999/{'0' * 64}.pdf").status_code == 404


def test_the_editor_preview_says_the_pdf_comes_with_publishing(client, free_course, django_capture_on_commit_callbacks):
    from courses.slide_decks import DownloadState, download_state

    block = SlidesBlock()
    value = block.to_python(deck("One")[1])
    assert download_state(None, block, value)["state"] == DownloadState.PREVIEW
    assert "made once the page is published" in block.render(value, {"page": None})


def test_the_block_has_a_preview_and_a_description():
    block = SlidesBlock()
    assert block.meta.description
    html = block.render(block.get_preview_value(), {})
    assert "Welcome" in html and "Slide 2 of 2" in html


# Bad input: the editor says what is wrong, nothing is saved.


def _clean(value):
    block = SlidesBlock()
    return block.clean(block.to_python(value))


def _errors(error):
    return " ".join(str(message) for message in error.as_json_data()["blockErrors"]["slides"]["messages"])


def test_a_deck_with_no_slides_is_refused_with_a_clear_message():
    with pytest.raises(StructBlockValidationError) as refused:
        _clean({"title": "Empty", "slides": []})
    assert "Add at least one slide." in _errors(refused.value)


def test_a_deck_with_too_many_slides_is_refused_with_a_clear_message():
    with pytest.raises(StructBlockValidationError) as refused:
        _clean({"title": "Huge", "slides": [slide(f"S{n}") for n in range(MAX_SLIDES + 150)]})
    assert f"A deck holds at most {MAX_SLIDES} slides; this one has {MAX_SLIDES + 150}." in _errors(refused.value)


def test_an_image_without_a_description_is_refused():
    image = wagtail_factories.ImageFactory()
    with pytest.raises(StructBlockValidationError) as refused:
        _clean({"title": "Deck", "slides": [slide("One", image=image.pk, alt="  ")]})
    assert "Describe the image" in str(refused.value.as_json_data())


def test_the_editor_refuses_an_empty_deck_and_saves_nothing(admin_client, free_course):
    """Through the page editor: the form comes back with the message, no revision is saved."""
    resource = ResourcePage.objects.descendant_of(free_course).order_by("path")[1]
    revisions = resource.revisions.count()
    data = {
        "title": resource.title, "slug": resource.slug, "requirement": "required", "alternative_group": "",
        "estimated_minutes": "0",
        "body-count": "1", "body-0-type": "slides", "body-0-deleted": "", "body-0-order": "0", "body-0-id": "",
        "body-0-value-title": "Empty deck", "body-0-value-slides-count": "0",
    }  # fmt: skip
    response = admin_client.post(f"/admin/pages/{resource.pk}/edit/", data)
    assert response.status_code == 200
    assert "Add at least one slide." in response.content.decode()
    assert resource.revisions.count() == revisions
