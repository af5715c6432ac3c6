from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.embeds.exceptions import EmbedNotFoundException

from courses.blocks import (
    CourseEmbedBlock,
    ExternalLinkBlock,
    MarkdownBlock,
    PdfBlock,
    primary_kind,
    resource_body_blocks,
)
from courses.markdown_rendering import render_markdown
from courses.models import ResourcePage

from . import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        '<div onclick="alert(1)" style="color:red">x</div>',
        "<iframe src=https://evil.example></iframe>",
        "<svg><script>alert(1)</script></svg>",
    ],
)
def test_markdown_never_lets_script_through(source):
    html = render_markdown(source)
    for marker in ("<script", "onerror", "onclick", "javascript:", "<iframe", "style=", "<svg"):
        assert marker not in html.lower()


def test_markdown_keeps_formatting_and_moves_headings_down():
    html = render_markdown("# Title\n\nSome **bold** and a [link](https://example.org).\n\n| a |\n|---|\n| b |")
    assert "<h2>Title</h2>" in html
    assert "<strong>bold</strong>" in html
    assert 'rel="noopener noreferrer nofollow"' in html
    assert "<table>" in html


def test_markdown_block_renders_sanitised_html():
    html = MarkdownBlock().render("Hello <script>x</script> **world**")
    assert "<strong>world</strong>" in html and "<script" not in html


def test_external_link_opens_safely_in_a_new_tab():
    block = ExternalLinkBlock()
    value = block.to_python(
        {"url": "https://example.org/", "label": "Example", "description": "", "open_in_new_tab": True}
    )
    html = block.render(value)
    assert 'rel="noopener noreferrer"' in html and 'target="_blank"' in html
    assert "opens in a new tab" in html


def test_external_link_refuses_other_schemes():
    block = ExternalLinkBlock()
    with pytest.raises(ValidationError):
        block.clean(
            block.to_python({"url": "ftp://example.org/", "label": "x", "description": "", "open_in_new_tab": False})
        )


def test_embed_that_cannot_be_fetched_renders_a_link_not_an_error():
    block = CourseEmbedBlock()
    value = block.to_python("https://video.example.org/watch/1")
    with mock.patch("wagtail.embeds.embeds.get_finder_for_embed", side_effect=EmbedNotFoundException):
        html = block.render(value)
    assert 'href="https://video.example.org/watch/1"' in html


def test_embed_renders_the_finder_html():
    block = CourseEmbedBlock()
    value = block.to_python("https://video.example.org/watch/2")
    found = {"title": "Clip", "type": "video", "html": '<iframe title="Clip"></iframe>', "width": 560, "height": 315}
    with mock.patch("wagtail.embeds.embeds.get_finder_for_embed", return_value=found):
        html = block.render(value)
    assert '<iframe title="Clip"></iframe>' in html and "ratio-16x9" in html


def test_pdf_block_refuses_a_document_that_is_not_a_pdf():
    document = get_document_model().objects.create(title="Data", file=ContentFile(b"a,b\n", name="data.csv"))
    block = PdfBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "", "document": document.pk}))


def test_every_block_has_a_description_a_template_and_renders_its_preview_value():
    factories.CourseMediaFactory(type="video")
    factories.CourseMediaFactory(type="audio", file=ContentFile(factories.MP3_BYTES, name="talk.mp3"))
    factories.CaptionTrackFactory()
    get_document_model().objects.create(title="Handout", file=ContentFile(factories.PDF_BYTES, name="handout.pdf"))
    with mock.patch("wagtail.embeds.embeds.get_finder_for_embed", side_effect=EmbedNotFoundException):
        for name, block in resource_body_blocks():
            block.set_name(name)
            assert block.meta.description, name
            assert block.meta.template, name
            assert block.render(block.get_preview_value()) is not None, name


def test_video_block_renders_an_accessible_player_with_captions_and_speed():
    video = factories.CourseMediaFactory()
    english = factories.CaptionTrackFactory(language="en", label="English")
    spanish = factories.CaptionTrackFactory(language="es", label="Español")
    block = dict(resource_body_blocks())["video"]
    html = block.render(
        block.normalize({"title": "Intro", "video": video, "poster": None, "captions": [english, spanish]})
    )
    assert f'src="{video.url}"' in html
    assert 'kind="captions"' in html and 'srclang="es"' in html and 'label="Español"' in html
    assert "Playback speed" in html and "<select" in html
    assert 'aria-label="Intro"' in html


def test_audio_block_shows_a_transcript_synchronised_by_cue_times():
    audio = factories.CourseMediaFactory(type="audio", file=ContentFile(factories.MP3_BYTES, name="talk.mp3"))
    track = factories.CaptionTrackFactory()
    block = dict(resource_body_blocks())["audio"]
    html = block.render(block.normalize({"title": "", "audio": audio, "captions": [track], "show_transcript": True}))
    assert "<audio" in html and "Transcript" in html
    assert 'data-start="2.000"' in html and 'data-end="4.500"' in html and "World" in html


def test_resource_kind_follows_its_main_block(paid_course):
    resource = ResourcePage.objects.descendant_of(paid_course).first()
    resource.body = [("markdown", "text"), ("video", {"video": factories.CourseMediaFactory(), "captions": []})]
    factories.publish(resource)
    assert resource.kind == "video"
    assert primary_kind([]) == "text"
