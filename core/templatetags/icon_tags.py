from django import template

from core.icons import icon_html

register = template.Library()


@register.simple_tag
def icon(name, css_class=""):
    """``{% icon "lock" %}`` or ``{% icon "lock" "mt-1 outline-lock" %}``: a decorative icon
    from the site's SVG sprite (``core/icons.py``), hidden from screen readers; say what it
    means in text beside it (visually hidden where the icon stands alone)."""
    return icon_html(name, css_class)
