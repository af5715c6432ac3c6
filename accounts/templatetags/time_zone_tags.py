from django import template
from django.utils import timezone
from django.utils.html import format_html

from ..time_zones import aware, local_datetime

register = template.Library()


@register.filter
def in_time_zone(value):
    """A date and time in the viewer's time zone, named: ``<time datetime="…">Jan. 15,
    2030, 9 p.m. JST</time>``. Empty for no value."""
    if not value:
        return ""
    return format_html(
        '<time datetime="{}">{}</time>', timezone.localtime(aware(value)).isoformat(), local_datetime(value)
    )
