"""The site's Bootstrap (css/bootstrap.min.css, `make css`) keeps every Bootstrap rule for the
classes our templates and Python use: a rule whose classes we all use (``.btn-primary``,
``.navbar-expand-lg .navbar-nav``) that the reduced stylesheet lacks fails here. The fix: run
`make css` (or add the class to purgecss.config.cjs's safelist when a template builds it from
parts) and commit the stylesheet."""

import importlib.util
import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

BASE_DIR = Path(settings.BASE_DIR)
BOOTSTRAP = Path(list(importlib.util.find_spec("bootstrap").submodule_search_locations)[0]) / "css"
TAG = re.compile(r"{%.*?%}|{{.*?}}", re.S)


def selectors_in(css):
    """Every selector of every rule (those inside @media too), whitespace normalised."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    heads = re.findall(r"([^{}]+){", css)
    return {" ".join(part.split()) for head in heads if not head.strip().startswith("@") for part in head.split(",")}


def class_words(selector):
    return set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", selector))


def used_classes():
    """Words of every class="…" in our templates and every "class": "…" in our Python
    (form widgets), template tags taken out (alert-{% if … %}danger… counts as alert- and danger)."""
    words = set()
    sources = [
        *BASE_DIR.glob("*/templates/**/*.html"),
        *(path for path in BASE_DIR.glob("*/**/*.py") if ".venv" not in path.parts and "migrations" not in path.parts),
    ]
    for path in sources:
        text = path.read_text()
        values = re.findall(r'class="([^"]*)"', text) + re.findall(r"""["']class["']\s*:\s*["']([^"']*)""", text)
        for value in values:
            words |= set(TAG.sub(" ", value).split())
    return words


def test_every_bootstrap_class_we_use_is_in_our_bootstrap():
    ours = selectors_in(Path(finders.find("css/bootstrap.min.css")).read_text())
    used = used_classes()
    assert {"navbar-toggler", "form-control", "card-body"} <= used  # the scan found them
    needed = {
        selector
        for selector in selectors_in((BOOTSTRAP / "bootstrap.min.css").read_text())
        if class_words(selector) and class_words(selector) <= used
    }
    assert len(needed) > 300
    assert needed - ours == set()


def test_our_bootstrap_is_a_fraction_of_the_whole():
    ours = Path(finders.find("css/bootstrap.min.css")).stat().st_size
    assert ours < (BOOTSTRAP / "bootstrap.min.css").stat().st_size / 2
