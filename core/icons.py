"""The site's icons: one SVG sprite of the Font Awesome icons the pages use.

Pages used to load Font Awesome's whole stylesheet and web fonts (183 KB) for about thirty
icons. Now ``manage.py build_icons`` (``make icons``) copies the icons named in ``ICONS``
from the ``fontawesomefree`` package into ``lms_site/static/icons/sprite.svg`` (a few KB,
committed), and ``{% icon "lock" %}`` (``core/templatetags/icon_tags.py``) or ``icon_html``
(for Python that builds markup) draws one with ``<svg><use href="sprite.svg#lock">``.

To use a new icon: add it to ``ICONS`` (its name on fontawesome.com and its style),
run ``make icons`` and commit the sprite. ``core/tests/test_icons.py`` fails for a name
a template uses that the sprite lacks.
"""

import re
from functools import lru_cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.dispatch import receiver
from django.templatetags.static import static
from django.test.signals import setting_changed
from django.utils.html import format_html

SPRITE = "icons/sprite.svg"

# Our name -> Font Awesome's "style/name". Solid unless the name says otherwise.
ICONS = {
    name: f"solid/{name}"
    for name in (
        "arrow-left",
        "arrow-right",
        "arrow-up-right-from-square",
        "bell",
        "book-open",
        "calendar-days",
        "cart-shopping",
        "chalkboard-user",
        "check",
        "circle-check",
        "circle-play",
        "clipboard-check",
        "closed-captioning",
        "download",
        "file-pdf",
        "gear",
        "graduation-cap",
        "headphones",
        "language",
        "layer-group",
        "list-ol",
        "lock",
        "magnifying-glass",
        "newspaper",
        "paperclip",
        "pen",
        "rotate",
        "signal",
        "star",
        "star-half-stroke",
        "tag",
        "thumbtack",
        "trophy",
        "user",
        "user-group",
        "video",
    )
} | {
    "clock": "regular/clock",
    "envelope": "regular/envelope",
    "star-empty": "regular/star",
    "linkedin": "brands/linkedin",
}


@lru_cache(maxsize=1)
def view_boxes():
    """Each icon's viewBox, read from the built sprite (the outer ``<svg>`` needs it to
    take the icon's own width, as the font's glyphs did)."""
    path = finders.find(SPRITE)
    text = Path(path).read_text() if path else ""
    return dict(re.findall(r'<symbol id="([^"]+)" viewBox="([^"]+)"', text))


@lru_cache(maxsize=512)
def icon_html(name, css_class=""):
    """``<svg class="icon …" aria-hidden="true">`` drawing ``name`` from the sprite: decorative
    (a visible or visually hidden text beside it says what it means). Kept per process (the
    sprite's hashed URL changes only with a deployment): a page draws a few dozen icons."""
    return format_html(
        '<svg class="icon{}" viewBox="{}" aria-hidden="true" focusable="false"><use href="{}#{}"></use></svg>',
        f" {css_class}" if css_class else "",
        view_boxes().get(name, "0 0 512 512"),
        static(SPRITE),
        name,
    )


@receiver(setting_changed)
def _forget_icons(setting, **kwargs):
    """A test that changes where static files live gets icons with the new sprite URL."""
    if setting in ("STATIC_URL", "STORAGES", "STATIC_ROOT"):
        icon_html.cache_clear()
        view_boxes.cache_clear()
