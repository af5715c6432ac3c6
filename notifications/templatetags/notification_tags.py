"""``{% notification_bell %}``: the header's bell with the signed-in visitor's unread count.

Put it outside every ``{% shared %}`` fragment (like the visitor's name): the count is the
visitor's own, read from their personal cache on each request."""

from django import template

from ..centre import unread_count

register = template.Library()


@register.inclusion_tag("notifications/includes/bell.html", takes_context=True)
def notification_bell(context):
    user = context.get("user")
    return {"unread": unread_count(user) if user is not None else 0}
