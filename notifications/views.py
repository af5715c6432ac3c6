"""The notification centre's pages, the preferences and the one-click unsubscribe. Every
answer is the visitor's own (``private_response``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from caching.private_responses import mark_private, private_response

from . import centre, kinds
from .preferences import choices_for, read_unsubscribe_token, set_preference

PER_PAGE = 20


@private_response
@login_required
def notification_list(request):
    page = Paginator(centre.shown_to(request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page_obj": page, "notifications": page.object_list})


def _own(request, notification_id):
    notification = centre.find(request.user, notification_id)
    if notification is None:
        raise Http404
    return notification


@private_response
@login_required
def open_notification(request, notification_id):
    """Follow a notification's link: it is read now."""
    notification = centre.mark_read(_own(request, notification_id))
    return redirect(notification.url or "notifications:list")


@private_response
@login_required
@require_POST
def mark_read(request, notification_id):
    centre.mark_read(_own(request, notification_id))
    return redirect(_back(request))


@private_response
@login_required
@require_POST
def mark_all_read(request):
    marked = centre.mark_all_read(request.user)
    if marked:
        messages.success(request, _("Every notification is marked read."))
    return redirect(_back(request))


def _back(request):
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return back
    return "notifications:list"


@private_response
@login_required
def preferences(request):
    """Each kind on each channel, on or off; transactional kinds shown as always on. Only
    declared kinds and channels are read from the form: anything else posted is ignored."""
    if request.method == "POST":
        for kind, _chosen in choices_for(request.user):
            if kind.transactional:
                continue
            for channel in kinds.CHANNELS:
                set_preference(request.user, kind, channel, f"{kind.name}:{channel}" in request.POST)
        messages.success(request, _("Your notification preferences have been saved."))
        return redirect("notifications:preferences")
    rows = [
        {"kind": kind, "channels": [(channel, f"{kind.name}:{channel}", on) for channel, on in chosen.items()]}
        for kind, chosen in choices_for(request.user)
    ]
    return render(request, "notifications/preferences.html", {"rows": rows, "channel_names": _channel_names()})


def _channel_names():
    return {kinds.SITE: _("On the site"), kinds.EMAIL: _("By e-mail")}


@csrf_exempt  # RFC 8058: mail providers POST the one-click unsubscribe without a session
def unsubscribe(request, token):
    """GET: a page that confirms what the link turns off (and a button that does it);
    POST (the button, or a mail provider's one-click): turn it off. A link that is not one
    Aula signed changes nothing and says so."""
    found = read_unsubscribe_token(token)
    if found is None:
        return mark_private(render(request, "notifications/unsubscribe_invalid.html", status=400))
    user, kind, channel = found
    context = {"kind": kind, "channel_name": _channel_names()[channel], "token": token}
    if kind.transactional:
        return mark_private(render(request, "notifications/unsubscribe_invalid.html", status=400))
    if request.method == "POST":
        set_preference(user, kind, channel, False)
        return mark_private(render(request, "notifications/unsubscribe_done.html", context))
    return mark_private(render(request, "notifications/unsubscribe_confirm.html", context))
