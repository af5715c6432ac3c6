from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from .private_responses import mark_private


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def too_many_requests(request, exception=None):
    return render(request, "429.html", status=429)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the site's page, in the visitor's language; the technical reason
    stays out of it (the log has it)."""
    return mark_private(render(request, "403_csrf.html", status=403))


def server_error(request):
    # A bare render, without context processors: they may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render({"request": request}))


def server_error_preview(request):
    """DEBUG only: see the 500 page without breaking anything."""
    return server_error(request)
