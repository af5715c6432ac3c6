"""``collectstatic`` ships what pages use: no icon font (the icons are one SVG sprite)."""

from django.apps import apps
from django.contrib.staticfiles import finders


def shipped_files():
    """What collectstatic copies: every finder's list, with Django's default ignores."""
    ignore = apps.get_app_config("staticfiles").ignore_patterns
    return {path for finder in finders.get_finders() for path, _storage in finder.list(ignore)}


def test_no_icon_font_is_shipped():
    files = shipped_files()
    assert "icons/sprite.svg" in files
    assert not any(path.startswith("fontawesomefree/") for path in files)


def test_everything_shipped_stays_small():
    assert len(shipped_files()) < 2_000
