"""A refusal raised inside Wagtail's own admin views becomes a message, not a 500.

Wagtail calls Aula's rules from inside its views (the finishing action of an approved
workflow, courses/course_review.py): a course that no longer passes the publish checklist
when a moderator approves it raises a CourseError there. The request's transaction is
rolled back (ATOMIC_REQUESTS), so nothing changed; the moderator is sent back with the reason.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .exceptions import CourseError


class CourseRefusalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, CourseError) or not request.path.startswith(reverse("wagtailadmin_home")):
            return None
        messages.error(request, exception.message)
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
            back = reverse("wagtailadmin_home")
        return redirect(back)
