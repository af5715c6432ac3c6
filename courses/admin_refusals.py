"""A refusal raised inside Wagtail's own admin views becomes a message, not a 500; so does
a request to the admin that Wagtail could not read.

Wagtail calls Aula's rules from inside its views (the finishing action of an approved
workflow, courses/course_review.py): a course that no longer passes the publish checklist
when a moderator approves it raises a CourseError there. A file that cannot be stored
because the disk is full raises StorageFull (courses/storage.py), in the admin or on the
site. The request's transaction is rolled back (ATOMIC_REQUESTS), so nothing changed; the
person is sent back with the reason, or, when their browser asked in the background (the
multiple uploader, a chooser's upload tab, the editor's autosave), answered in JSON.

Wagtail reads JSON from admin forms (a rich text field is Draftail JSON, the editor's
autosave posts the whole form) with Python's reader, which gives up with a RecursionError
(a 500) on arrays or objects nested about a thousand deep. Such a request is refused before
any view reads it: real editor data is nested a handful of levels.
"""

import re

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import TooManyFilesSent
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from .exceptions import CourseError, StorageFull

MAX_JSON_DEPTH = 100
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


class CourseRefusalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or not _in_admin(request):
            return None
        try:
            nested = _nested_too_deeply(request)
        except TooManyFilesSent:
            message = _("Too many files at once (more than %(count)s): nothing was uploaded. Send fewer at a time.")
            return refusal_response(request, message % {"count": settings.DATA_UPLOAD_MAX_NUMBER_FILES}, code="invalid")
        if not nested:
            return None
        message = _("The data sent is nested too deeply to be read (more than %(depth)s levels). Nothing was saved.")
        return refusal_response(request, message % {"depth": MAX_JSON_DEPTH}, code="invalid")

    def process_exception(self, request, exception):
        if not isinstance(exception, CourseError):
            return None
        if not (isinstance(exception, StorageFull) or _in_admin(request)):
            return None
        return refusal_response(request, exception.message)


def refusal_response(request, message, code="refused"):
    """``message`` in the shape the asking page reads: Wagtail's JSON error for a request
    that does not accept HTML (autosave); JSON with both ``error_message`` (multiple
    uploaders) and ``html`` (modal choosers) for other background requests; otherwise a
    message on the page the person came from."""
    if not request.accepts("text/html"):
        return JsonResponse({"success": False, "error_code": code, "error_message": str(message)}, status=400)
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        html = format_html('<p class="help-block help-critical" role="alert">{}</p>', message)
        return JsonResponse({"success": False, "error_code": code, "error_message": str(message), "html": html})
    messages.error(request, message)
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("wagtailadmin_home") if _in_admin(request) else request.path
    return redirect(back)


def _in_admin(request):
    return request.path.startswith(reverse("wagtailadmin_home"))


def _nested_too_deeply(request):
    if request.content_type == "application/json":
        return json_nested_too_deeply(request.body.decode("utf-8", "replace"))
    return any(json_nested_too_deeply(value) for values in request.POST.lists() for value in values[1])


def json_nested_too_deeply(text, limit=MAX_JSON_DEPTH):
    """Whether ``text``, read as JSON, nests arrays and objects deeper than ``limit``
    (brackets inside strings do not count). Fast for ordinary values: only text with more
    than ``limit`` opening brackets is followed bracket by bracket."""
    if not isinstance(text, str) or text.lstrip()[:1] not in ("[", "{"):
        return False
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for bracket in _BRACKET.findall(_JSON_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        if depth > limit:
            return True
    return False
