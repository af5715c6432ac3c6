"""``collectstatic`` ships what pages use: Font Awesome's one stylesheet and its fonts,
not its ~9,800 source files (hashing and compressing them took minutes)."""

import re
from pathlib import Path

from django.apps import apps
from django.contrib.staticfiles import finders


def shipped_files():
    """What collectstatic copies: every finder's list, with Django's default ignores."""
    ignore = apps.get_app_config("staticfiles").ignore_patterns
    return {path for finder in finders.get_finders() for path, _storage in finder.list(ignore)}


def test_font_awesome_ships_its_stylesheet_and_the_fonts_it_names_only():
    files = shipped_files()
    font_awesome = {path for path in files if path.startswith("fontawesomefree/")}
    assert "fontawesomefree/css/all.min.css" in font_awesome
    css = Path(finders.find("fontawesomefree/css/all.min.css")).read_text()
    for font in set(re.findall(r"url\(\.\./(webfonts/[^)]+)\)", css)):
        assert f"fontawesomefree/{font}" in font_awesome
    assert not any("/svgs/" in path or "/sprites/" in path or "/scss/" in path for path in font_awesome)
    assert len(font_awesome) < 30


def test_everything_shipped_stays_small():
    assert len(shipped_files()) < 2_000
