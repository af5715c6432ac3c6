"""``{% cart_link %}``: the header's cart link with the visitor's own item count — put it
outside every ``{% shared %}`` fragment (like the notification bell): the count is read from
this visitor's session on each request, and a visitor without a session (the only one the
page cache serves) has no cart, so a page it shares never holds a count. The link for a count
is the same for everyone, so it is rendered once per count (a shared fragment named by it).

``{{ order|totals }}`` / ``{{ quote|totals }}``: the one totals shape (``commerce/totals.py``)
for ``commerce/includes/totals.html``."""

from django import template
from django.template.loader import render_to_string

from caching.shared import renders_afresh, shared_fragment

from ..cart import Cart
from ..totals import totals_of

register = template.Library()


@register.simple_tag(takes_context=True)
def cart_link(context, compact=False):
    """``compact``: the phone's badge beside the menu button, shown only with items."""
    request = context.get("request")
    session = getattr(request, "session", None)
    count = len(Cart(session)) if session is not None else 0

    def render():
        return render_to_string("commerce/includes/cart_link.html", {"count": count, "compact": compact})

    return render() if renders_afresh(request) else shared_fragment(request, f"cart-link:{count}:{compact}", render)


@register.filter
def totals(priced):
    return totals_of(priced)
