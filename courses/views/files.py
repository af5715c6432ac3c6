import mimetypes

from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve as wagtail_serve_document
from wagtail.images import get_image_model

from caching.private_responses import mark_private

from ..access import Reason, check_access
from ..captions import build_vtt, page_translated_cues
from ..course_images import course_image_folder
from ..file_serving import serve_private_file
from ..hooks import Place, contributed_actions
from ..models import CaptionTrack, CourseMedia, ResourcePage, SlideDeckPdf
from ..slide_decks import download_filename


def refusal(request, decision, page=None):
    """The page a visitor gets instead of paid content: why, and what to do about it."""
    if decision.reason == Reason.NOT_PUBLISHED:
        raise Http404("Not published")
    response = TemplateResponse(
        request,
        "courses/access_denied.html",
        {
            "page": page,
            "course": decision.course,
            "decision": decision,
            "actions": contributed_actions(decision.course, request, decision, Place.ACCESS_REFUSED),
        },
        status=403,
    )
    return mark_private(response)


def _serve(request, item, filename, content_type, same_origin=False):
    if not item.file or item.filename != filename:
        raise Http404("No such file")
    return _serve_allowed(request, item, item.file, filename, content_type, same_origin=same_origin)


def _refused(request, item):
    """None when the access rule lets the visitor open ``item``; otherwise the answer: a 404
    for what is not published, else a private 403 that says why."""
    decision = check_access(request.user, item)
    if decision.reason == Reason.NOT_PUBLISHED:
        raise Http404("Not published")
    if decision.allowed:
        return None
    return mark_private(HttpResponseForbidden(str(decision.message), content_type="text/plain; charset=utf-8"))


def _serve_allowed(request, item, field_file, filename, content_type, under_media_root=False, same_origin=False):
    refused = _refused(request, item)
    if refused:
        return refused
    return serve_private_file(
        request, field_file, content_type, filename, under_media_root=under_media_root, same_origin=same_origin
    )


@require_safe
def media_file(request, media_id, filename):
    """A course video or audio, for those the access rule lets in; Range supported."""
    item = get_object_or_404(CourseMedia, pk=media_id)
    return _serve(request, item, filename, item.content_type)


@require_safe
def image_file(request, image_id, filename):
    """An image of a course's collection, its original or one of its renditions
    (courses/course_images.py), for those the access rule lets in."""
    image = get_object_or_404(get_image_model(), pk=image_id)
    name = f"{course_image_folder(image.pk)}/{filename}"
    if image.file.name == name:
        field_file = image.file
    else:
        rendition = image.renditions.filter(file=name).first()
        if rendition is None:
            raise Http404("No such image")
        field_file = rendition.file
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    response = _serve_allowed(request, image, field_file, filename, content_type, under_media_root=True)
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


@require_safe
def caption_file(request, track_id, filename):
    """A caption file, for those the access rule lets in; always from the site's own origin
    (a ``<track>`` loads no other without CORS)."""
    item = get_object_or_404(CaptionTrack, pk=track_id)
    return _serve(request, item, filename, "text/vtt; charset=utf-8", same_origin=True)


@require_safe
def translated_caption_file(request, page_id, track_id):
    """A translated page's caption track in its own language (courses/captions.py), for
    those the access rule lets open the page."""
    page = get_object_or_404(ResourcePage, pk=page_id)
    refused = _refused(request, page)
    if refused:
        return refused
    cues = page_translated_cues(page, track_id)
    if not cues:
        raise Http404("No translated captions")
    return mark_private(HttpResponse(build_vtt(cues), content_type="text/vtt; charset=utf-8"))


@require_safe
def document_file(request, document_id, document_filename):
    """Documents used by courses, sent with HTTP Range and private caching after the
    access rule; any other document goes on to Wagtail's own view."""
    document = get_object_or_404(get_document_model(), pk=document_id)
    if document.filename != document_filename:
        raise Http404("No such document")
    decision = check_access(request.user, document)
    if decision.reason == Reason.NOT_A_COURSE_FILE:
        return wagtail_serve_document(request, document_id, document_filename)
    if not decision.allowed:
        return refusal(request, decision)
    response = serve_private_file(
        request, document.file, document.content_type, document.filename,
        under_media_root=True, disposition=document.content_disposition,
    )  # fmt: skip
    response["Content-Security-Policy"] = "default-src 'none'"  # as Wagtail sends documents
    return response


@require_safe
def slide_deck_pdf(request, page_id, fingerprint):
    """A slide deck's PDF (courses/slide_decks.py), for those the access rule lets open its page."""
    page = get_object_or_404(ResourcePage, pk=page_id)
    refused = _refused(request, page)
    if refused:
        return refused
    row = SlideDeckPdf.objects.filter(page=page, fingerprint=fingerprint, status=SlideDeckPdf.Status.READY).first()
    if row is None or not row.file:
        raise Http404("This PDF is being prepared")
    filename = download_filename(page, fingerprint)
    response = serve_private_file(
        request, row.file, "application/pdf", filename, disposition=f'attachment; filename="{filename}"'
    )
    response["Content-Security-Policy"] = "default-src 'none'"
    return response
