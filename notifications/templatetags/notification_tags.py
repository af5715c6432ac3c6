"""``{% notification_bell %}``: the header's bell with the signed-in visitor's unread count.

Put it outside every ``{% shared %}`` fragment (like the visitor's name): the count is the
visitor's own, read from their personal cache on each request. The bell for a count is the
same for everyone, so it is rendered once per count (a shared fragment named by it)."""

from django import template
from django.template.loader import render_to_string

from caching.shared import renders_afresh, shared_fragment

from ..centre import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def notification_bell(context):
    user = context.get("user")
    unread = unread_count(user) if user is not None else 0
    request = context.get("request")

    def render():
        return render_to_string("notifications/includes/bell.html", {"unread": unread})

    return render() if renders_afresh(request) else shared_fragment(request, f"notification-bell:{unread}", render)
