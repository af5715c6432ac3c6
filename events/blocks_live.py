"""The ``live_session`` block of a resource body (contributed through the
``AULA_RESOURCE_BODY_BLOCKS`` setting): a session at a date and time, a join link for the
enrolled, and its recording afterwards, played and captioned like the course video block.

It completes by attendance (an instructor marks it: ``events.live_sessions.mark_attended``)
or by watching the recording: ``Meta.completion`` is "playback" and the recording is the
block's ``video`` child, which is where the course player's progress looks for it
(``courses.learning.progress.playback_media``). It shows each visitor their own state (the
join link, "Add to calendar"), so it is rendered on every request, never shared.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from courses.blocks import (
    SPEEDS,
    CaptionCuesBlock,
    CaptionTracksBlock,
    CompletionMode,
    CourseVideoChooserBlock,
    TranslatedCaptionsMixin,
)

MAX_DURATION_HOURS = 12


class LiveSessionBlock(TranslatedCaptionsMixin, blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False)
    start = blocks.DateTimeBlock(
        label=_("Starts at"), help_text=_("In your admin time zone; stored in UTC and shown in each student's zone.")
    )
    end = blocks.DateTimeBlock(label=_("Ends at"))
    join_url = blocks.URLBlock(
        label=_("Join link"),
        help_text=_("The meeting's address: enrolled students see it from 15 minutes before the start to the end."),
    )
    video = CourseVideoChooserBlock(
        label=_("Recording"), required=False, help_text=_("Add the recording after the session.")
    )
    poster = ImageChooserBlock(label=_("Poster image"), required=False)
    captions = CaptionTracksBlock(required=False)
    caption_cues = CaptionCuesBlock(required=False)

    class Meta:
        resource_kind = "video"
        completion = CompletionMode.PLAYBACK  # by watching the recording; attendance completes it too
        max_per_body = 1  # attendance and completion belong to the resource's one session
        icon = "date"
        label = _("Live session")
        template = "events/live_session/block.html"
        description = _("A live session at a date and time: a join link for enrolled students, then its recording.")

    def clean(self, value):
        from .live_sessions import in_utc

        value = super().clean(value)
        start, end = in_utc(value.get("start")), in_utc(value.get("end"))
        if start and end:
            if end <= start:
                raise StructBlockValidationError(
                    block_errors={"end": ValidationError(_("The end must come after the start."))}
                )
            if (end - start).total_seconds() > MAX_DURATION_HOURS * 3600:
                raise StructBlockValidationError(
                    block_errors={
                        "end": ValidationError(
                            _("A live session lasts at most %(hours)s hours.") % {"hours": MAX_DURATION_HOURS}
                        )
                    }
                )
        if not value["join_url"].lower().startswith(("https://", "http://")):
            raise StructBlockValidationError(
                block_errors={"join_url": ValidationError(_("Enter an address starting with https:// or http://."))}
            )
        value["start"], value["end"] = start, end
        return value

    def get_context(self, value, parent_context=None):
        from .live_sessions import session_state

        context = super().get_context(value, parent_context)
        request = context.get("request")
        page = context.get("page")
        user = getattr(request, "user", None)
        preview = bool(context.get("editor_preview") or getattr(request, "is_preview", False))
        context["session"] = session_state(user, page, value) if user is not None and not preview else None
        context["duration_minutes"] = _minutes(value)
        context["speeds"] = SPEEDS
        context["tracks"] = self.caption_context(value, parent_context)
        context["calendar_key"] = getattr(page, "translation_key", None)
        return context

    def get_preview_value(self):
        from datetime import UTC, datetime, timedelta

        start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=7)
        return self.normalize(
            {
                "title": "Live Q&A",
                "description": "Bring your questions.",
                "start": start,
                "end": start + timedelta(hours=1),
                "join_url": "https://meet.example.org/aula-live",
                "captions": [],
            }
        )


def _minutes(value):
    start, end = value.get("start"), value.get("end")
    if not start or not end:
        return 0
    return max(0, round((end - start).total_seconds() / 60))
