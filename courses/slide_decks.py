"""The PDFs of slide decks (the ``slides`` block, courses/slide_blocks.py): made in the
background by django-q2 with WeasyPrint when a resource page is published, stored in
private storage and served only through the access rule (courses/views/files.py).

A deck's PDF is keyed by its page (one language version) and the hash of the block's
content, so an edited deck is a new PDF and the block's link says "being prepared" until
the job has made it. The job may run twice (the queue hands it out again when a worker
died): it renders again, harmlessly.
"""

import base64
import hashlib
import json
import logging

from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify

from .models import ResourcePage, SlideDeckPdf
from .slide_blocks import SlidesBlock

logger = logging.getLogger(__name__)

RENDITION = "max-1600x900"


class DownloadState:
    PREVIEW = "preview"  # a draft in the editor's preview: made once published
    PREPARING = "preparing"
    READY = "ready"
    FAILED = "failed"


def deck_fingerprint(block, value):
    raw = block.get_prep_value(value)
    return hashlib.sha256(json.dumps(raw, sort_keys=True, cls=DjangoJSONEncoder).encode()).hexdigest()


def _decks(page):
    """``(fingerprint, block, value)`` of each slides block of the page's body."""
    return [
        (deck_fingerprint(child.block, child.value), child.block, child.value)
        for child in page.body
        if isinstance(child.block, SlidesBlock)
    ]


def download_state(page, block, value, request=None):
    """What the deck's download link says: ``{"state": DownloadState…, "url": …}``."""
    if not isinstance(page, ResourcePage) or page.pk is None or getattr(request, "is_preview", False):
        return {"state": DownloadState.PREVIEW, "url": ""}
    fingerprint = deck_fingerprint(block, value)
    row = SlideDeckPdf.objects.filter(page_id=page.pk, fingerprint=fingerprint).only("status", "file").first()
    if row is None or row.status == SlideDeckPdf.Status.PREPARING:
        return {"state": DownloadState.PREPARING, "url": ""}
    if not row.is_ready:
        return {"state": DownloadState.FAILED, "url": ""}
    return {"state": DownloadState.READY, "url": reverse("courses:slide_deck_pdf", args=[page.pk, fingerprint])}


def queue_deck_pdfs(page):
    """On publishing ``page``: a PDF job for each of its decks that has none yet, and the
    PDFs of its former decks removed. The jobs start once the publication is committed."""
    from django_q.tasks import async_task

    decks = _decks(page)
    current = {fingerprint for fingerprint, _block, _value in decks}
    for old in SlideDeckPdf.objects.filter(page_id=page.pk).exclude(fingerprint__in=current):
        _delete(old)
    for fingerprint in current:
        row, created = SlideDeckPdf.objects.get_or_create(page_id=page.pk, fingerprint=fingerprint)
        if created or row.status == SlideDeckPdf.Status.FAILED:
            if not created:
                SlideDeckPdf.objects.filter(pk=row.pk).update(status=SlideDeckPdf.Status.PREPARING)
            transaction.on_commit(
                lambda pk=row.pk: async_task("courses.slide_decks.render_deck_pdf", pk, group="slide-decks")
            )
    return len(current)


def render_deck_pdf(row_id):
    """The job: render the deck's PDF and store it. A deck no longer on its page is
    forgotten; a deck that cannot be rendered is marked failed (its link says so)."""
    row = SlideDeckPdf.objects.select_related("page").filter(pk=row_id).first()
    if row is None:
        return None
    page = row.page
    deck = next(((block, value) for fingerprint, block, value in _decks(page) if fingerprint == row.fingerprint), None)
    if deck is None:
        _delete(row)
        return None
    try:
        data = deck_pdf_bytes(page, deck[1])
    except Exception:  # a broken image or font must not leave the deck "being prepared" for ever
        logger.exception("Could not make the PDF of the slide deck %s", row)
        row.status = SlideDeckPdf.Status.FAILED
        row.save(update_fields=["status"])  # through save: the course's cached pages are renewed
        return None
    old_name = row.file.name if row.file else ""
    row.file.save(f"{page.pk}-{row.fingerprint[:16]}.pdf", ContentFile(data), save=False)
    row.status = SlideDeckPdf.Status.READY
    row.save(update_fields=["file", "status", "updated_at"])  # renews the course's cached pages
    if old_name and old_name != row.file.name:
        row.file.storage.delete(old_name)
    return row.file.name


def deck_pdf_bytes(page, value):
    """The deck as a PDF: one landscape page per slide, its notes under it. Images are put
    in as ``data:`` URLs; WeasyPrint fetches nothing else (no file, no network)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    with translation.override(page.locale.language_code):
        slides = [
            {
                "text": slide["text"],
                "image": _image_data(slide["image"]),
                "alt": slide["image_alt"],
                "notes": slide["notes"],
            }
            for slide in value["slides"]
        ]
        html = render_to_string(
            "courses/slides/deck_pdf.html",
            {"title": value["title"], "page": page, "slides": slides, "count": len(slides)},
        )
    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=1)
    return HTML(string=html, url_fetcher=fetcher).write_pdf()


def _image_data(image):
    if image is None:
        return ""
    rendition = image.get_rendition(RENDITION)
    with rendition.file.open("rb") as handle:
        encoded = base64.b64encode(handle.read()).decode()
    mime = {"jpg": "jpeg"}.get(rendition.file.name.rsplit(".", 1)[-1].lower(), rendition.file.name.rsplit(".", 1)[-1])
    return f"data:image/{mime};base64,{encoded}"


def download_filename(page, fingerprint):
    deck = next((value for fp, _block, value in _decks(page) if fp == fingerprint), None)
    return f"{slugify(deck['title'] if deck else page.title) or 'slides'}.pdf"


def _delete(row):
    if row.file:
        row.file.storage.delete(row.file.name)
    row.delete()
