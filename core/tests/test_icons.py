"""The icon sprite holds every icon the pages draw, and nothing draws Font Awesome's font."""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template import Context, Template

from core.icons import ICONS, SPRITE

SOURCES = [
    path
    for pattern in ("*/templates/**/*.html", "*/templatetags/*.py", "*/static/**/*.js", "*/*.py")
    for path in Path(settings.BASE_DIR).glob(pattern)
    if not path.is_relative_to(Path(settings.BASE_DIR) / ".venv")
]


def sprite_names():
    return set(re.findall(r'<symbol id="([^"]+)"', Path(finders.find(SPRITE)).read_text()))


def draws_our_icons(source):
    """A template that loads Wagtail's admin tags (and not ours) draws Wagtail's icons."""
    return "icon_tags" in source or "wagtailadmin_tags" not in source


def test_every_icon_a_template_names_is_in_the_sprite():
    used = {
        name
        for path in SOURCES
        if path.suffix == ".html" and draws_our_icons(path.read_text())
        for name in re.findall(r'{%\s*icon\s+"([^"]+)"', path.read_text())
    }
    assert len(used) > 20  # the scan found the templates
    assert used - sprite_names() == set()


def test_every_icon_python_chooses_is_in_the_sprite():
    from courses.templatetags.course_tags import KIND_ICONS, star_icons
    from search.page_types import searchable_page_types

    chosen = set(KIND_ICONS.values()) | set(star_icons(2.5)) | {kind.icon for kind in searchable_page_types()}
    chosen |= {"circle-check", "lock"}  # outline_tags.py and completion.js: done and locked
    assert chosen - sprite_names() == set()


def test_the_sprite_is_built_from_the_declared_icons():
    """Adding a name to core.icons.ICONS without `make icons` fails here."""
    assert sprite_names() == set(ICONS)


def test_an_icon_is_hidden_from_screen_readers_and_drawn_from_the_sprite():
    html = Template('{% load icon_tags %}{% icon "lock" "mt-1" %}').render(Context())
    assert html.startswith('<svg class="icon mt-1" viewBox="0 0 448 512" aria-hidden="true" focusable="false">')
    assert 'href="/static/icons/sprite.svg#lock"' in html


def test_nothing_draws_font_awesome_classes_any_more():
    leftovers = [str(path) for path in SOURCES if re.search(r"\bfa-(solid|regular|brands)\b", path.read_text())]
    assert leftovers == []
