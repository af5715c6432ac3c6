"""The interface is translated: catalogues compile, the committed .mo files are current,
every catalogue (es, pt_BR, fr) covers every string, and no template text escapes translation."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.apps import apps

BASE_DIR = Path(__file__).resolve().parents[2]
LOCALE_DIR = BASE_DIR / "locale"
LANGUAGES = ["es", "pt_BR", "fr"]
# Aula's own apps: every installed app that lives in this repository.
SOURCE_DIRS = sorted(
    {
        Path(app.path).relative_to(BASE_DIR).parts[0]
        for app in apps.get_app_configs()
        if Path(app.path).is_relative_to(BASE_DIR) and ".venv" not in Path(app.path).parts
    }
)

# Attributes whose values a person reads (or hears, with a screen reader).
READABLE_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder", "aria-description")


def catalogue(language):
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def project_templates():
    for folder in SOURCE_DIRS:
        yield from sorted((BASE_DIR / folder).glob("**/templates/**/*.html"))


def untranslated_text(source):
    """Text a visitor would read that is not inside a translation tag."""
    text = re.sub(r"{#.*?#}", " ", source, flags=re.S)
    text = re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", " ", text, flags=re.S)
    text = re.sub(r"{%\s*blocktrans(late)?\b.*?{%\s*endblocktrans(late)?\s*%}", " ", text, flags=re.S)
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S | re.I)
    text = re.sub(r"{%\s*block \w*class\s*%}.*?{%\s*endblock\s*%}", " ", text, flags=re.S)  # CSS classes
    found = []
    for attribute in READABLE_ATTRIBUTES:
        for value in re.findall(rf'\s{attribute}="([^"]*)"', text):
            value = re.sub(r"{%.*?%}|{{.*?}}", "", value, flags=re.S)
            if re.search(r"[^\W\d_]", value):
                found.append(f'{attribute}="{value}"')
    text = re.sub(r"{%.*?%}|{{.*?}}", " ", text, flags=re.S)
    text = re.sub(r"<[^>]*>", " ", text, flags=re.S)
    text = re.sub(r"&[a-zA-Z]+;|&#\d+;", " ", text)
    found += [chunk.strip() for chunk in text.split("  ") if re.search(r"[^\W\d_]", chunk)]
    return found


def test_template_checker_catches_unmarked_text():
    assert untranslated_text("<p>Hello</p>") == ["Hello"]
    assert untranslated_text('<img alt="A cat" src="x">') == ['alt="A cat"']
    assert untranslated_text("<p>{% translate 'Hello' %} {{ name }}</p>") == []
    assert untranslated_text("{% blocktranslate %}Hi {{ n }}{% endblocktranslate %}") == []


def test_every_template_string_is_marked_for_translation():
    problems = {}
    for template in project_templates():
        found = untranslated_text(template.read_text())
        if found:
            problems[str(template.relative_to(BASE_DIR))] = found
    assert problems == {}, f"Text not marked for translation: {problems}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_compiles(language):
    msgfmt = shutil.which("msgfmt")
    if msgfmt:
        result = subprocess.run(
            [msgfmt, "--check", "-o", "/dev/null", str(catalogue(language))], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
    else:  # without gettext, polib still parses and checks the format placeholders
        for entry in polib.pofile(str(catalogue(language))).translated_entries():
            assert set(re.findall(r"%\(\w+\)s", entry.msgid)) == set(re.findall(r"%\(\w+\)s", entry.msgstr)), entry


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_is_current(language):
    source = polib.pofile(str(catalogue(language)))
    compiled = polib.mofile(str(catalogue(language).with_suffix(".mo")))
    expected = {(e.msgctxt, e.msgid): e.msgstr for e in source.translated_entries()}
    actual = {(e.msgctxt, e.msgid): e.msgstr for e in compiled if e.msgid}
    assert actual == expected, "Run `make messages` to recompile the catalogues."


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs gettext (installed by .ci/run)")
def test_every_catalogue_covers_every_interface_string(tmp_path):
    """Extract the strings afresh from a copy of the code and look each up in es, pt_BR
    and fr: an untranslated or fuzzy entry in any of them fails."""
    copy = tmp_path / "aula"
    copy.mkdir()
    for name in ["manage.py", *SOURCE_DIRS]:
        path = BASE_DIR / name
        if path.is_dir():
            shutil.copytree(path, copy / name, ignore=shutil.ignore_patterns("__pycache__", "tests"))
        elif path.exists():
            shutil.copy(path, copy / name)
    (copy / "locale").mkdir()
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "es", "--no-location", "--no-wrap"],
        cwd=copy,
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "lms_site.settings.test", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(copy)},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    fresh = polib.pofile(str(copy / "locale" / "es" / "LC_MESSAGES" / "django.po"))
    missing = {}
    for language in LANGUAGES:
        known_entries = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(catalogue(language)))}
        for entry in fresh:
            known = known_entries.get((entry.msgctxt, entry.msgid))
            if known is None or not known.translated() or "fuzzy" in known.flags:
                missing.setdefault(language, []).append(entry.msgid)
    assert missing == {}, f"Untranslated strings (run `make messages` and translate): {missing}"
