"""What the site search keeps besides Wagtail's own page index: the cues of the caption
tracks live resources serve (in every language each serves), one row per cue, so that a query finds the second at which
words are spoken (search/transcripts.py builds them in the background)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin


class TranscriptCueQuerySet(SearchableQuerySetMixin, models.QuerySet):
    pass


class TranscriptCue(index.Indexed, models.Model):
    """One caption cue of a live resource: its text, when it is spoken, in which language.

    Keyed to the resource page (one language version of it) and to the caption track it
    comes from (for a translated track, the original whose timings it keeps); rebuilt
    whenever the resource is published or the track changes. Indexed by Wagtail's search
    backend in bulk (``search_auto_update`` is off: thousands of cues change at once)."""

    resource = models.ForeignKey(
        "courses.ResourcePage", verbose_name=_("resource"), on_delete=models.CASCADE, related_name="+"
    )
    track = models.ForeignKey(
        "courses.CaptionTrack", verbose_name=_("caption track"), on_delete=models.CASCADE, related_name="+"
    )
    # The <track> the page's player serves these cues from (its ``src``): the caption file,
    # or the translated track of a page in another language (``courses.captions``). A
    # search result's link names it, so the page seeks the player that holds it.
    track_url = models.CharField(_("track URL"), max_length=500, blank=True)
    # The resource page's locale (the search looks in the visitor's language) and the
    # track's language (what is spoken or subtitled).
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(_("language"), max_length=10)
    position = models.PositiveIntegerField(_("position"))
    start = models.FloatField(_("start (seconds)"))
    end = models.FloatField(_("end (seconds)"))
    text = models.TextField(_("text"))

    objects = TranscriptCueQuerySet.as_manager()

    search_fields = [
        index.SearchField("text"),
        index.FilterField("resource"),
        index.FilterField("locale"),
        index.FilterField("language"),
    ]
    search_auto_update = False

    class Meta:
        verbose_name = _("transcript cue")
        verbose_name_plural = _("transcript cues")
        ordering = ["resource", "track", "position"]
        indexes = [models.Index(fields=["resource", "start"])]

    def __str__(self):
        return f"{self.start:.1f}s {self.text[:40]}"

    @property
    def second(self):
        """The whole second the player starts at (``?t=``)."""
        return int(self.start)
