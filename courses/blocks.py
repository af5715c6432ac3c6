"""StreamField blocks for a resource body. Every block has a template, a preview value
and a description, so the block picker and the editor preview work.

Every block also declares, in its ``Meta``, what kind of resource it makes
(``resource_kind``, one of ``ResourceKind``) and how such a resource completes
(``completion``, one of ``CompletionMode``). ``resource_profile(body)`` derives a
resource's kind and completion mode from them; nothing else lists block names. A block
whose HTML holds nothing of the visitor says ``same_for_everyone = True``: the resource
page renders it once per page and language (``templatetags/body_tags.py``).

Other apps contribute body blocks (the assessments app's evaluation block) through the
``AULA_RESOURCE_BODY_BLOCKS`` setting, a list of ``(name, "dotted.path.to.BlockClass")``:
``courses`` never imports them by name.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock
from wagtailmedia.blocks import AudioChooserBlock, VideoChooserBlock

from .captions import cue_track
from .markdown_rendering import render_markdown

SPEEDS = ["0.5", "0.75", "1", "1.25", "1.5", "1.75", "2"]  # the player's speeds, defined only here
MAX_PLAYBACK_SPEED = max(float(speed) for speed in SPEEDS)


class CompletionMode:
    """How a resource completes (a block's ``Meta.completion``)."""

    BUTTON = "button"  # the student presses "Mark as complete"
    PLAYBACK = "playback"  # watched or listened to: the player reports, the server decides
    GRADED = "graded"  # an evaluation is passed (the app that grades it records the completion)


# When a body mixes blocks, the strongest declaration wins: graded work cannot be skipped
# with the button, and a video completes by being watched.
_COMPLETION_RANK = [CompletionMode.GRADED, CompletionMode.PLAYBACK, CompletionMode.BUTTON]
# What a resource is, for the outline: the highest-ranked kind among its blocks.
_KIND_RANK = ["video", "audio", "pdf", "file", "link", "text"]


def _first(model_path, **filters):
    from django.apps import apps

    return apps.get_model(model_path).objects.filter(**filters).order_by("pk").first()


class PlayerMixin:
    """Render a wagtailmedia chooser's value with Aula's player (also in revision compare,
    where wagtailmedia's abstract block cannot render)."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context.update({"media": value, "speed_choices": SPEEDS})
        return context

    def render_basic(self, value, context=None):
        return self.render(value, context) if value else ""


class CourseVideoChooserBlock(PlayerMixin, VideoChooserBlock):
    class Meta:
        icon = "wagtailmedia-video"
        template = "courses/blocks/media_player.html"


class CourseAudioChooserBlock(PlayerMixin, AudioChooserBlock):
    class Meta:
        icon = "wagtailmedia-audio"
        template = "courses/blocks/media_player.html"


class CaptionTracksBlock(blocks.ListBlock):
    """A new video or audio block starts with no caption track (not one empty, required
    slot); "Add" opens the chooser, whose "Upload captions" tab uploads a new one."""

    def __init__(self, **kwargs):
        kwargs.setdefault("default", [])
        super().__init__(
            SnippetChooserBlock("courses.CaptionTrack", label=_("Caption track")),
            label=_("Captions"),
            help_text=_("WebVTT caption tracks, one per language: choose one, or upload it from the chooser."),
            **kwargs,
        )


class CaptionCuesBlock(blocks.FieldBlock):
    """The text of each cue of the block's first caption track, in this language version
    (a list of strings, kept out of sight in the editor).

    Empty on the original. wagtail-localize offers each cue of that track as a segment of
    the page (``TranslatedCaptionsMixin``) and writes the translations here; the
    translated page then serves a caption track in its own language, with the original's
    timings (``courses.captions``)."""

    def __init__(self, **kwargs):
        self.field = forms.JSONField(required=False, widget=forms.HiddenInput)
        super().__init__(**kwargs)

    def get_default(self):
        return []

    def to_python(self, value):
        return [str(text) for text in value] if isinstance(value, list) else []

    def get_prep_value(self, value):
        return self.to_python(value)

    def value_from_form(self, value):
        return self.to_python(value)

    class Meta:
        label = _("Translated caption cues (filled in by wagtail-localize)")
        icon = "media"


class TranslatedCaptionsMixin:
    """A video or audio block whose captions translate with the page.

    wagtail-localize asks a block for its segments with ``get_translatable_segments``
    (and gives the translations back to ``restore_translated_segments``): the block's
    own fields as wagtail-localize would extract them (title as text; the media, poster
    and caption tracks overridable per language), plus one text segment per cue of the
    first caption track, stored in ``caption_cues`` of the translation."""

    def get_translatable_segments(self, value):
        from wagtail_localize.segments import StringSegmentValue
        from wagtail_localize.segments.extract import StreamFieldSegmentExtractor

        extractor = StreamFieldSegmentExtractor(None, include_overridables=True)
        segments = []
        for name, block in self.child_blocks.items():
            if name == "caption_cues":
                continue
            child_value = value.get(name)
            raw = block.get_prep_value(child_value) if isinstance(block, blocks.ListBlock) else None
            segments.extend(s.wrap(name) for s in extractor.handle_block(block, child_value, raw_value=raw))
        track = cue_track(value)
        for index, cue in enumerate(track.cues if track else []):
            if cue["text"].strip():
                segments.append(StringSegmentValue(f"caption_cues.{index}", cue["text"]))
        return segments

    def restore_translated_segments(self, value, segments):
        from wagtail_localize.segments.ingest import StreamFieldSegmentsWriter

        track = cue_track(value)  # the original's, before any override of the tracks
        cues, others = {}, []
        for segment in segments:
            name, inner = segment.unwrap()
            if name == "caption_cues":
                cues[int(inner.path)] = inner.render_text()
            else:
                others.append(segment)
        StreamFieldSegmentsWriter(None, None, None).handle_struct_block(value, others)
        if track is not None and cues:
            texts = [cues.get(index, cue["text"]) for index, cue in enumerate(track.cues)]
            value["caption_cues"] = texts
        return value

    def caption_context(self, value, parent_context):
        from .captions import player_tracks

        page = (parent_context or {}).get("page")
        return player_tracks(value, page)


class VideoBlock(TranslatedCaptionsMixin, blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, help_text=_("Describes the video for screen readers."))
    video = CourseVideoChooserBlock(label=_("Video"))
    poster = ImageChooserBlock(label=_("Poster image"), required=False)
    captions = CaptionTracksBlock(required=False)
    caption_cues = CaptionCuesBlock(required=False)

    class Meta:
        resource_kind = "video"
        completion = CompletionMode.PLAYBACK
        measured_media = "video"  # the resource lasts what this media does (courses/duration.py)
        same_for_everyone = True  # rendered once per page and language (templatetags/body_tags.py)
        icon = "wagtailmedia-video"
        label = _("Video")
        template = "courses/blocks/video.html"
        description = _("A video with a poster, captions in several languages and playback speed.")

    def get_preview_value(self):
        track = _first("courses.CaptionTrack")
        return self.normalize(
            {
                "title": "Welcome",
                "video": _first("courses.CourseMedia", type="video"),
                "poster": _first("wagtailimages.Image"),
                "captions": [track] if track else [],
            }
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["speeds"] = SPEEDS
        context["tracks"] = self.caption_context(value, parent_context)
        return context


class AudioBlock(TranslatedCaptionsMixin, blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False)
    audio = CourseAudioChooserBlock(label=_("Audio"))
    captions = CaptionTracksBlock(required=False)
    caption_cues = CaptionCuesBlock(required=False)
    show_transcript = blocks.BooleanBlock(
        label=_("Show transcript"), required=False, default=True, help_text=_("Show the captions as a transcript.")
    )

    class Meta:
        resource_kind = "audio"
        completion = CompletionMode.PLAYBACK
        measured_media = "audio"  # the resource lasts what this media does (courses/duration.py)
        same_for_everyone = True  # rendered once per page and language (templatetags/body_tags.py)
        icon = "wagtailmedia-audio"
        label = _("Audio")
        template = "courses/blocks/audio.html"
        description = _("An audio with WebVTT captions, shown as a transcript that follows playback.")

    def get_preview_value(self):
        track = _first("courses.CaptionTrack")
        return self.normalize(
            {
                "title": "Interview",
                "audio": _first("courses.CourseMedia", type="audio"),
                "captions": [track] if track else [],
                "show_transcript": True,
            }
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        tracks = self.caption_context(value, parent_context)
        context["speeds"] = SPEEDS
        context["tracks"] = tracks
        default = next((track for track in tracks if track.default), None)
        context["transcript"] = default if default and value.get("show_transcript") else None
        return context


class PdfBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False)
    document = DocumentChooserBlock(label=_("PDF document"))

    class Meta:
        resource_kind = "pdf"
        completion = CompletionMode.BUTTON
        same_for_everyone = True  # rendered once per page and language (templatetags/body_tags.py)
        icon = "doc-full"
        label = _("PDF")
        template = "courses/blocks/pdf.html"
        description = _("A PDF shown in the page, with a download link.")

    def clean(self, value):
        value = super().clean(value)
        document = value.get("document")
        if document and document.file_extension.lower() != "pdf":
            raise StructBlockValidationError(
                block_errors={
                    "document": ValidationError(
                        _("Choose a PDF document (this one is .%(ext)s).") % {"ext": document.file_extension}
                    )
                }
            )
        return value

    def get_preview_value(self):
        return self.normalize({"title": "Handout", "document": _first("wagtaildocs.Document", file__iendswith=".pdf")})


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        resource_kind = "text"
        completion = CompletionMode.BUTTON
        same_for_everyone = True  # rendered once per page and language (templatetags/body_tags.py)
        icon = "image"
        label = _("Image")
        template = "courses/blocks/image.html"
        description = _("An image with alternative text and an optional caption.")

    def get_preview_value(self):
        image = _first("wagtailimages.Image")
        return self.to_python({"image": image.pk if image else None, "caption": "A caption"})


class RichTextBlock(blocks.RichTextBlock):
    class Meta:
        resource_kind = "text"
        completion = CompletionMode.BUTTON
        same_for_everyone = True  # rendered once per page and language (templatetags/body_tags.py)
        icon = "doc-full"
        label = _("Rich text")
        template = "courses/blocks/rich_text.html"
        description = _("Formatted text with headings, lists and links.")
        preview_value = "<h2>What you will learn</h2><p>The essentials, step by step.</p>"


class MarkdownBlock(blocks.TextBlock):
    class Meta:
        resource_kind = "text"
        completion = CompletionMode.BUTTON
        same_for_everyone = True  # rendered once per page and language (templatetags/body_tags.py)
        icon = "code"
        label = _("Markdown")
        template = "courses/blocks/markdown.html"
        description = _("Text written in Markdown; unsafe HTML is removed.")
        preview_value = "## Notes\n\n- Written in *Markdown*\n- With `code` and [links](https://example.org/)"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["html"] = mark_safe(render_markdown(value))  # noqa: S308 — sanitised by nh3
        return context


class ExternalLinkBlock(blocks.StructBlock):
    url = blocks.URLBlock(label=_("Address"))
    label = blocks.CharBlock(label=_("Link text"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False)
    open_in_new_tab = blocks.BooleanBlock(label=_("Open in a new tab"), required=False, default=True)

    class Meta:
        resource_kind = "link"
        completion = CompletionMode.BUTTON
        same_for_everyone = True  # rendered once per page and language (templatetags/body_tags.py)
        icon = "link-external"
        label = _("External link")
        template = "courses/blocks/external_link.html"
        description = _("A link to a page on another site, opened safely.")
        preview_value = {
            "url": "https://docs.python.org/3/",
            "label": "The Python documentation",
            "description": "The official reference.",
            "open_in_new_tab": True,
        }

    def clean(self, value):
        value = super().clean(value)
        if not value["url"].lower().startswith(("https://", "http://")):
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(_("Enter an address starting with https:// or http://."))}
            )
        return value


class CourseEmbedBlock(EmbedBlock):
    class Meta:
        resource_kind = "video"  # to the learner an embed is a video, but Aula cannot see it play
        completion = CompletionMode.BUTTON
        same_for_everyone = True  # rendered once per page and language (templatetags/body_tags.py)
        icon = "media"
        label = _("Embed")
        template = "courses/blocks/embed.html"
        description = _("A video or other content from another site (YouTube, Vimeo…), by its address.")
        preview_value = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"

    def get_context(self, value, parent_context=None):
        from wagtail.embeds import embeds

        context = super().get_context(value, parent_context)
        html = ""
        if value:
            try:
                html = embeds.get_embed(value.url, value.max_width, value.max_height).html
            except Exception:  # a provider that cannot be reached must not break the page: link instead
                html = ""
        context["embed_html"] = mark_safe(html)  # noqa: S308 — HTML from Wagtail's embed finders
        return context


class FileDownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("File"))
    label = blocks.CharBlock(label=_("Link text"), required=False, help_text=_("Defaults to the file's title."))
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        resource_kind = "file"
        completion = CompletionMode.BUTTON
        same_for_everyone = True  # rendered once per page and language (templatetags/body_tags.py)
        icon = "download"
        label = _("File download")
        template = "courses/blocks/file_download.html"
        description = _("A file for students to download (slides, exercises, data).")

    def get_preview_value(self):
        return self.normalize(
            {"document": _first("wagtaildocs.Document"), "label": "", "description": "Exercise files."}
        )


def resource_body_blocks():
    """The blocks of a resource body: Aula's own, then those other apps contribute through
    the ``AULA_RESOURCE_BODY_BLOCKS`` setting."""
    return [
        ("video", VideoBlock()),
        ("audio", AudioBlock()),
        ("pdf", PdfBlock()),
        ("image", FigureBlock()),
        ("rich_text", RichTextBlock()),
        ("markdown", MarkdownBlock()),
        ("external_link", ExternalLinkBlock()),
        ("embed", CourseEmbedBlock()),
        ("file", FileDownloadBlock()),
        *((name, import_string(path)()) for name, path in getattr(settings, "AULA_RESOURCE_BODY_BLOCKS", [])),
    ]


def resource_body_block_counts():
    """``block_counts`` for the body: a block whose ``Meta.max_per_body`` is set (the
    evaluation: one per resource) may appear at most that many times."""
    return {
        name: {"max_num": block.meta.max_per_body}
        for name, block in resource_body_blocks()
        if getattr(block.meta, "max_per_body", None)
    }


@dataclass(frozen=True)
class ResourceProfile:
    kind: str  # a ResourceKind value: what the outline and the page call the resource
    completion: str  # a CompletionMode value: how it completes


def resource_profile(body):
    """A resource's kind and completion mode, from what its body's blocks declare. A block
    that declares nothing counts as text completed with the button; an empty body too."""
    kinds, modes = set(), set()
    for block in _body_block_definitions(body):
        kinds.add(getattr(block.meta, "resource_kind", "text"))
        modes.add(getattr(block.meta, "completion", CompletionMode.BUTTON))
    kind = next((kind for kind in _KIND_RANK if kind in kinds), "text")
    completion = next((mode for mode in _COMPLETION_RANK if mode in modes), CompletionMode.BUTTON)
    return ResourceProfile(kind, completion)


def _body_block_definitions(body):
    """The block definition of each child of a body, read from its raw data when it has
    some: a stored body's values are never converted (no chooser is fetched from the
    database), so deciding many resources' profiles costs no query."""
    raw = getattr(body, "raw_data", None)
    if raw is None:
        return [child.block for child in body or []]
    children = body.stream_block.child_blocks
    return [children[item["type"]] for item in raw if item and item.get("type") in children]


def primary_kind(body):
    return resource_profile(body).kind
