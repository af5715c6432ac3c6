import mimetypes

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import CollectionMember
from wagtail.search import index
from wagtailmedia.models import AbstractMedia

from ..captions import parse_vtt, validate_caption_file
from ..forms import CaptionTrackForm
from ..storage import private_storage


def language_choices():
    return [(code, str(name)) for code, name in settings.LANGUAGES]


class CourseMedia(AbstractMedia):
    """A course video or audio file. Stored privately; served only by Aula's media view
    (``url``), which asks the course access rule first."""

    file = models.FileField(upload_to="media", storage=private_storage, verbose_name=_("file"))

    class Meta:
        verbose_name = _("media")
        verbose_name_plural = _("media items")

    def save(self, *args, **kwargs):
        if not self.duration and self.file:  # created by code (the demo, imports): read it
            from ..media_duration import read_media_info

            info = read_media_info(self.file)
            self.duration = info.duration or 0
            if self.type == "video" and not self.width:
                self.width, self.height = info.width, info.height
        super().save(*args, **kwargs)

    @property
    def url(self):
        return reverse("courses:media_file", args=(self.pk, self.filename))

    @property
    def content_type(self):
        return mimetypes.guess_type(self.filename)[0] or "application/octet-stream"

    @property
    def sources(self):
        return [{"src": self.url, "type": self.content_type}]


class CaptionTrack(CollectionMember, index.Indexed, models.Model):
    """A WebVTT caption file for a video or an audio, in one language. Validated on upload;
    its cues are kept for transcripts (and, later, search inside transcripts). It lives in
    its course's collection, like the course's video and documents (courses/file_permissions.py)."""

    title = models.CharField(_("title"), max_length=255, help_text=_("For finding it in the admin."))
    file = models.FileField(
        _("caption file (.vtt)"),
        upload_to="captions",
        storage=private_storage,
        validators=[validate_caption_file],
        help_text=_("A WebVTT file. It is checked when you save: broken timestamps are reported by line."),
    )
    language = models.CharField(_("language"), max_length=10, choices=language_choices, default="en")
    label = models.CharField(
        _("label"), max_length=60, help_text=_("Shown in the player's caption menu, e.g. “English”.")
    )
    cues = models.JSONField(default=list, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("title"), FieldPanel("file"), FieldPanel("language"), FieldPanel("label"), FieldPanel("collection")
    ]  # fmt: skip
    search_fields = [
        index.SearchField("title"), index.AutocompleteField("title"), index.FilterField("language"),
        index.FilterField("collection_id"),
    ]  # fmt: skip
    base_form_class = CaptionTrackForm

    class Meta:
        verbose_name = _("caption track")
        verbose_name_plural = _("caption tracks")
        ordering = ["title"]

    def __str__(self):
        return f"{self.title} ({self.label})"

    def save(self, *args, **kwargs):
        if self.file and (not self.file._committed or not self.cues):
            self.file.open("rb")
            self.file.seek(0)
            self.cues = [cue.as_dict() for cue in parse_vtt(self.file.read())]
            self.file.seek(0)
        super().save(*args, **kwargs)

    @property
    def filename(self):
        return self.file.name.rsplit("/", 1)[-1]

    @property
    def url(self):
        return reverse("courses:caption_file", args=(self.pk, self.filename))
