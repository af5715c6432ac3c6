from django import template
from django.utils import formats, timezone

from accounts.time_zones import local_datetime

register = template.Library()


@register.inclusion_tag("events/master_classes/includes/when.html")
def when(master_class):
    """The class's start and end in the active time zone, named, with machine-readable
    UTC times the browser script may show in the reader's own zone."""
    start, end = master_class.start, master_class.end
    same_day = timezone.localtime(start).date() == timezone.localtime(end).date()
    return {
        "start": start,
        "end": end,
        "start_text": local_datetime(start),
        "end_text": formats.time_format(timezone.localtime(end)) if same_day else local_datetime(end),
        "zone": timezone.get_current_timezone_name(),
    }


@register.simple_tag
def plain_when(master_class):
    """The start in the active time zone (the recipient's, in a notification), named."""
    return f"{local_datetime(master_class.start)} ({timezone.get_current_timezone_name()})"
