import itertools

from babel.numbers import format_currency
from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext as _

from ..duration import format_duration

register = template.Library()

_ids = itertools.count(1)

# A resource kind's icon: a name in the site's sprite (core/icons.py).
KIND_ICONS = {
    "video": "circle-play",
    "audio": "headphones",
    "pdf": "file-pdf",
    "file": "download",
    "link": "arrow-up-right-from-square",
    "text": "book-open",
}


@register.filter
def course_price(course):
    """'Free' or the price in the site currency, formatted for the active language."""
    if not course.price:
        return _("Free")
    return money(course.price)


@register.filter
def money(amount, currency=None):
    """``amount`` in ``currency`` (an order's; default the site currency, ``AULA_CURRENCY``),
    formatted for the active language with Babel: ``$49.00`` in English, ``49,00 US$`` in
    Spanish. ``{{ order.total|money:order.currency }}``."""
    return format_currency(
        amount, currency or settings.AULA_CURRENCY, locale=to_locale(get_language() or settings.LANGUAGE_CODE)
    )


@register.filter
def minutes(value):
    """45 -> '45 min', 80 -> '1 h 20 min' (``courses.duration.format_duration``)."""
    try:
        value = int(value or 0)
    except (TypeError, ValueError):
        return ""
    return format_duration(value * 60)


@register.filter
def duration(seconds):
    """6 -> '6 s', 4800 -> '1 h 20 min' (``courses.duration.format_duration``)."""
    return format_duration(seconds)


@register.filter
def timecode(seconds):
    """83.5 -> '1:23'."""
    seconds = int(float(seconds or 0))
    hours, rest = divmod(seconds, 3600)
    mins, secs = divmod(rest, 60)
    return f"{hours}:{mins:02d}:{secs:02d}" if hours else f"{mins}:{secs:02d}"


@register.filter
def kind_icon(kind):
    return KIND_ICONS.get(kind, KIND_ICONS["text"])


@register.simple_tag
def element_id(prefix):
    """A fresh id for wiring labels and controls inside repeated blocks."""
    return f"{prefix}-{next(_ids)}"


@register.filter
def star_icons(average):
    """4.3 -> five icon names: four full stars and a half one (to the nearest half)."""
    try:
        halves = round(float(average or 0) * 2)
    except (TypeError, ValueError):
        halves = 0
    halves = max(0, min(10, halves))
    full, half = divmod(halves, 2)
    return ["star"] * full + ["star-half-stroke"] * half + ["star-empty"] * (5 - full - half)


@register.simple_tag
def progress_bar(progress, bar_id="course"):
    """The learner's progress: a labelled ``<progress>`` and "3 of 10 requirements met"
    (progress.js updates it in place). A tag rather than an include: it is on every lesson."""
    percent = progress.percent
    summary = _("%(met)s of %(total)s requirements met") % {"met": progress.met, "total": progress.total}
    return format_html(
        '<div class="mb-2" data-aula-meter>\n'
        '    <div class="d-flex justify-content-between small"><label for="progress-{id}">{label}</label>'
        "<span data-aula-percent>{percent}%</span></div>\n"
        '    <progress class="aula-progress" id="progress-{id}" value="{percent}" max="100">{percent}%</progress>\n'
        '    <p class="small course-meta mb-0" data-aula-summary>{summary}</p>\n'
        "</div>",
        id=bar_id,
        label=_("Your progress"),
        percent=percent,
        summary=summary,
    )
