"""Registering, cancelling and the browser's time zone: thin views over the services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caching.private_responses import private_response

from . import registration as registrations
from .exceptions import RegistrationError
from .models import MasterClassPage, Registration
from .time_zones import UnknownTimeZone, save_detected_zone


@require_POST
@login_required
@private_response
def register(request, page_id):
    """The signed-in user registers (whatever user a form may name: only the session's)."""
    master_class = get_object_or_404(MasterClassPage.objects.live(), pk=page_id)
    try:
        registration = registrations.register(request.user, master_class)
    except RegistrationError as error:
        messages.error(request, error.message)
        return redirect(master_class.url)
    if registration.status == Registration.Status.WAITLISTED:
        messages.info(
            request,
            _("The master class is full: you are on the waiting list (place %(position)s).")
            % {"position": registration.position},
        )
    else:
        messages.success(request, _("You are registered for “%(title)s”.") % {"title": master_class.title})
    return redirect(master_class.url)


@require_POST
@login_required
@private_response
def cancel(request, registration_key):
    """Cancel one's own registration; another's is not found (404)."""
    try:
        result = registrations.cancel(request.user, registration_key)
    except Registration.DoesNotExist:
        raise Http404("No such registration") from None
    except RegistrationError as error:
        messages.error(request, error.message)
        return redirect(_page_url(request.user, registration_key))
    messages.success(request, _("Your registration is cancelled."))
    if result.refunded:
        messages.success(request, _("Your payment was refunded."))
    elif result.refund_failed:
        messages.warning(request, _("Your payment could not be refunded automatically: staff will refund it."))
    return redirect(_page_url(request.user, registration_key))


def _page_url(user, registration_key):
    registration = Registration.objects.select_related("master_class").filter(key=registration_key, user=user).first()
    if registration is not None and registration.master_class is not None and registration.master_class.live:
        return registration.master_class.url
    return "dashboard"


@require_POST
@login_required
@private_response
def detect_time_zone(request):
    """The browser's time zone for a user whose profile has none (time_zone.js)."""
    try:
        saved = save_detected_zone(request.user, request.POST.get("time_zone", ""))
    except UnknownTimeZone as error:
        return HttpResponseBadRequest(error.args[0], content_type="text/plain; charset=utf-8")
    return HttpResponse(status=204 if saved else 200)
