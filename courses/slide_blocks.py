"""The slides block of a resource body: an ordered deck of slides (rich text, an optional
image with its alternative text, speaker notes), shown as a keyboard-driven deck
(``static/courses/js/slides.js``) and downloadable as a PDF made in the background
(``courses.slide_decks``).

Contributed through the ``AULA_RESOURCE_BODY_BLOCKS`` setting like the other apps' blocks, so
``courses/blocks.py`` keeps its own list. wagtail-localize extracts its texts by itself: the
deck title, each slide's text, image description and notes are segments (the image may be
overridden per language).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from .blocks import CompletionMode

# A deck longer than this is several lessons: the editor says so, and the PDF job stays short.
MAX_SLIDES = 100


class SlideBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(
        label=_("Slide text"),
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "code"],
        help_text=_("What the slide shows: a heading and a few points."),
    )
    image = ImageChooserBlock(label=_("Image"), required=False)
    image_alt = blocks.CharBlock(
        label=_("Image description"),
        required=False,
        max_length=250,
        help_text=_("What the image shows, for those who cannot see it."),
    )
    notes = blocks.TextBlock(
        label=_("Speaker notes"), required=False, help_text=_("Shown behind a “Speaker notes” toggle.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Slide")

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not (value.get("image_alt") or "").strip():
            raise StructBlockValidationError(
                block_errors={"image_alt": ValidationError(_("Describe the image for those who cannot see it."))}
            )
        return value


class SlideListBlock(blocks.ListBlock):
    """The deck's slides, at least one and at most ``MAX_SLIDES``, with messages that say so
    (ListBlock's own speak of "items")."""

    def __init__(self, **kwargs):
        super().__init__(SlideBlock(), min_num=1, max_num=MAX_SLIDES, label=_("Slides"), **kwargs)

    def clean(self, value):
        count = len(value or [])
        if count == 0:
            raise ListBlockValidationError(non_block_errors=[ValidationError(_("Add at least one slide."))])
        if count > MAX_SLIDES:
            message = _(
                "A deck holds at most %(max)d slides; this one has %(count)d. Split it into several resources."
            ) % {"max": MAX_SLIDES, "count": count}
            raise ListBlockValidationError(non_block_errors=[ValidationError(message)])
        return super().clean(value)


class SlidesBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("Deck title"), max_length=200, help_text=_("Names the deck for screen readers and the PDF.")
    )
    slides = SlideListBlock()

    class Meta:
        resource_kind = "text"
        completion = CompletionMode.BUTTON
        # Rendered once per page and language: the speaker notes are behind a toggle for
        # everyone, and the PDF's row renews the course (courses/renewals.py) when it is ready.
        same_for_everyone = True
        icon = "doc-full-inverse"
        label = _("Slides")
        template = "courses/blocks/slides.html"
        description = _("A slide deck: text, images and speaker notes, presented full screen and downloadable as PDF.")
        preview_value = {
            "title": "Getting started",
            "slides": [
                {
                    "text": "<h2>Welcome</h2><p>What this lesson covers.</p>",
                    "image": None,
                    "image_alt": "",
                    "notes": "",
                },
                {
                    "text": "<h2>Three ideas</h2><ul><li>One</li><li>Two</li><li>Three</li></ul>",
                    "image": None,
                    "image_alt": "",
                    "notes": "Take a minute on each idea.",
                },
            ],
        }

    def get_context(self, value, parent_context=None):
        from .slide_decks import download_state

        context = super().get_context(value, parent_context)
        context["count"] = len(value["slides"])
        parent_context = parent_context or {}
        context["download"] = download_state(parent_context.get("page"), self, value, parent_context.get("request"))
        return context
