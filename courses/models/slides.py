from django.db import models
from django.utils.translation import gettext_lazy as _

from ..storage import private_storage


class SlideDeckPdf(models.Model):
    """The PDF of one slides block of a published resource page (one language version),
    made in the background (``courses.slide_decks``). ``fingerprint`` is the hash of the
    block's content: an edited deck is a new row, the old one goes at the next publish.
    The file lives in private storage and is served only through the access rule."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    page = models.ForeignKey("courses.ResourcePage", on_delete=models.CASCADE, related_name="slide_deck_pdfs")
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREPARING)
    file = models.FileField(storage=private_storage, upload_to="slide-decks/", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "fingerprint"], name="one_pdf_per_deck_version")]
        verbose_name = _("slide deck PDF")

    def __str__(self):
        return f"{self.page_id}/{self.fingerprint[:12]} ({self.status})"

    @property
    def is_ready(self):
        return self.status == self.Status.READY and bool(self.file)
