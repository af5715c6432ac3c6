from allauth.core import ratelimit
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from wagtail.views import authenticate_with_password

from caching.private_responses import mark_private


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def too_many_requests(request, exception=None):
    """allauth's rate limits answer with it; with Redis lost they cannot count and refuse
    everything, so the visitor is told the action is briefly unavailable instead."""
    from caching.unavailable import cache_reachable, unavailable_response

    if not cache_reachable():
        return unavailable_response(request)
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


def authenticate_with_page_password(request, page_view_restriction_id, page_id):
    """Wagtail's form for a password-protected page, with the site login's limits: wrong
    passwords count as failed logins (``login_failed``, keyed on the restriction), and once
    they are used up even the right password waits for the window to pass."""
    if request.method != "POST":
        return mark_private(authenticate_with_password(request, page_view_restriction_id, page_id))
    key = f"page-password:{page_view_restriction_id}"
    if not ratelimit.consume(request, action="login_failed", key=key, dry_run=True):
        return ratelimit.respond_429(request)
    response = authenticate_with_password(request, page_view_restriction_id, page_id)
    if response.status_code != 302:  # the form again: a wrong password
        ratelimit.consume(request, action="login_failed", key=key)
    return mark_private(response)
