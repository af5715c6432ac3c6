"""The calendar page's render and the calendar's addresses outside the language prefix:
the personal feed (``/calendar/feed/<token>.ics``), the public feed of master classes per
language (``/calendar/<lang>/master-classes.ics``), one event's ``.ics``, rotating the
feed's secret, and opening a course resource an entry points to in the visitor's language."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Locale, Site

from accounts.mail_language import language_of
from caching.private_responses import mark_private
from courses.models import ResourcePage

from . import feeds, months
from .ics import build_calendar
from .sources import find_entry, personal_entries, public_entries

CONTENT_TYPE = "text/calendar; charset=utf-8"
PUBLIC_FEED_SECONDS = 15 * 60


def _site_name(request):
    site = Site.find_for_request(request)
    return (site.site_name if site else "") or "Aula"


def _base_url(request):
    return f"{request.scheme}://{request.get_host()}"


def _merged(public, personal):
    """Public and personal entries, each once (a registered class is in both: the personal
    one wins), in order."""
    by_uid = {entry.uid: entry for entry in public}
    by_uid.update({entry.uid: entry for entry in personal})
    return sorted(by_uid.values(), key=lambda entry: (entry.start, entry.title, entry.uid))


def calendar_context(page, request, month):
    """What the calendar page shows this visitor: the month (or the list), its entries and,
    for a signed-in user, their own entries and feed address. Raises ``months.BadMonth``."""
    zone = timezone.get_current_timezone()
    now = timezone.now()
    today = timezone.localtime(now, zone).date()
    view = "list" if request.GET.get("view") == "list" else "month"
    user = request.user
    signed_in = user.is_authenticated
    context = {"page": page, "view": view, "time_zone_name": str(zone), "signed_in": signed_in}
    if view == "list":
        start, end = now, now + timedelta(days=months.LIST_DAYS)
    else:
        first = months.parse_month(month, today)
        start, end, _gs, _ge = months.month_bounds(first, zone)
        previous, following = months.shift_month(first, -1), months.shift_month(first, 1)
        context.update(
            first=first,
            month_name=months.month_name(first),
            previous_month=months.month_param(previous) if previous else None,
            next_month=months.month_param(following) if following else None,
            this_month=months.month_param(today.replace(day=1)),
        )
    entries = _merged(public_entries(page.locale, start, end), personal_entries(user, start, end) if signed_in else [])
    context["has_entries"] = bool(entries)
    if view == "list":
        context["days"] = months.days_with_entries(entries, zone)
    else:
        weeks = months.month_weeks(context["first"], entries, zone, today)
        context.update(weeks=weeks, weekdays=months.weekday_names(weeks))
    if signed_in:
        context["feed_url"] = request.build_absolute_uri(
            _reverse("calendar_personal_feed", token=feeds.feed_token(user))
        )
    context["public_feed_url"] = request.build_absolute_uri(
        _reverse("calendar_public_feed", lang=page.locale.language_code)
    )
    return context


def _reverse(name, **kwargs):
    from django.urls import reverse

    return reverse(name, kwargs=kwargs)


def serve_calendar_page(page, request):
    template = page.get_template(request)
    try:
        context = calendar_context(page, request, request.GET.get("month"))
        status = 200
    except months.BadMonth:
        messages.error(request, _("That month could not be read (use YYYY-MM): showing this month instead."))
        context = calendar_context(page, request, None)
        status = 400
    context.update(page.get_context(request))
    return TemplateResponse(request, template, context, status=status)


def _calendar_response(body, filename):
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def personal_feed(request, token):
    """The feed of the user ``token`` belongs to; 404 for any other token. Never stored by
    a shared cache."""
    user = feeds.user_for_token(token)
    if user is None:
        raise Http404(_("No calendar has this address."))
    with translation.override(language_of(user)):
        body = build_calendar(
            feeds.personal_feed_entries(user), feeds.personal_feed_name(_site_name(request)), _base_url(request)
        )
    return mark_private(_calendar_response(body, "calendar.ics"))


def public_feed(request, lang):
    """The master classes of the language ``lang`` (a site language): 404 for any other."""
    codes = {code.lower() for code, _name in settings.LANGUAGES}
    locale = Locale.objects.filter(language_code__iexact=lang).first() if lang.lower() in codes else None
    if locale is None:
        raise Http404(_("This calendar does not exist."))
    with translation.override(locale.language_code):  # the same bytes whoever asks: it is cached publicly
        body = build_calendar(
            feeds.public_feed_entries(locale), feeds.public_feed_name(_site_name(request)), _base_url(request)
        )
    response = _calendar_response(body, f"master-classes-{locale.language_code}.ics")
    patch_cache_control(response, public=True, max_age=PUBLIC_FEED_SECONDS)
    return response


def event_ics(request, kind, key):
    """One event's ``.ics`` (times, title and page; never a meeting link)."""
    entry = find_entry(kind, key)
    if entry is None:
        raise Http404(_("This event does not exist."))
    body = build_calendar([entry], entry.title, _base_url(request))
    return mark_private(_calendar_response(body, f"{kind}.ics"))


@require_POST
@login_required
def rotate_feed(request):
    """A new secret for the user's feed address; the old one answers 404 from now on."""
    feeds.rotate_feed_token(request.user)
    messages.success(
        request,
        _("Your calendar address was changed. Calendars subscribed to the old one stop updating: subscribe again."),
    )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure()):
        back = "/"
    return mark_private(redirect(back))


def open_resource(request, key):
    """The resource ``key`` (a translation key) in the visitor's language: where calendar
    entries of course resources point. The access rule decides on the page itself."""
    from core.localized import page_in_active_language

    page = page_in_active_language(ResourcePage.objects.live().defer_streamfields(), key)
    if page is None:
        raise Http404(_("This resource is not available."))
    return mark_private(redirect(page.get_url(request)))
