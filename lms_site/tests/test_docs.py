"""The README and the manual in docs/ stay true to the repository: the README stays a short
front door, every relative link leads to a file, every app is on the architecture map, every
environment variable is in the settings page, and the nginx site overwrites the headers
Aula trusts."""

import re
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
README = BASE_DIR / "README.md"
DOCS = BASE_DIR / "docs"
ARCHITECTURE = DOCS / "developers" / "architecture.md"
SETTINGS_PAGE = DOCS / "operators" / "settings.md"
NGINX_SITE = BASE_DIR / "deploy" / "nginx" / "aula.conf"
README_MAX_LINES = 260

FENCED_BLOCK = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
INLINE_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_LINK = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$", re.MULTILINE)
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)  # http:, mailto:, //host


def markdown_files():
    return [README, *sorted(DOCS.rglob("*.md"))]


def relative_links(markdown):
    """The relative link targets of a Markdown text (inline, images, references), code left out."""
    text = FENCED_BLOCK.sub("", markdown)
    text = re.sub(r"`[^`\n]*`", "", text)
    targets = INLINE_LINK.findall(text) + REFERENCE_LINK.findall(text)
    return [target for target in targets if not EXTERNAL.match(target) and not target.startswith("#")]


def broken_links(path):
    broken = []
    for target in relative_links(path.read_text(encoding="utf-8")):
        file_part = target.split("#", 1)[0].split("?", 1)[0]
        if not (path.parent / file_part).resolve().exists():
            broken.append(target)
    return broken


def heading_anchors(markdown):
    """The anchors GitHub gives a Markdown text's headings ("## The `e2e` app" → the-e2e-app)."""
    anchors = set()
    for heading in re.findall(r"^#{1,6}\s+(.+?)\s*#*$", FENCED_BLOCK.sub("", markdown), re.MULTILINE):
        anchor = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        number, unique = 0, anchor
        while unique in anchors:
            number += 1
            unique = f"{anchor}-{number}"
        anchors.add(unique)
    return anchors


def broken_anchors(path):
    """Links to a heading (``page.md#part``, ``#part``) whose page has no such heading."""
    markdown = path.read_text(encoding="utf-8")
    text = re.sub(r"`[^`\n]*`", "", FENCED_BLOCK.sub("", markdown))
    broken = []
    for target in INLINE_LINK.findall(text) + REFERENCE_LINK.findall(text):
        if EXTERNAL.match(target) or "#" not in target:
            continue
        file_part, anchor = target.split("#", 1)
        page = (path.parent / file_part).resolve() if file_part else path
        if page.suffix == ".md" and page.exists() and anchor not in heading_anchors(page.read_text(encoding="utf-8")):
            broken.append(target)
    return broken


def apps_in_repository():
    return sorted(folder.name for folder in BASE_DIR.iterdir() if (folder / "apps.py").is_file())


def environment_variables_read():
    """Every variable the settings files and gunicorn.conf.py read from the environment."""
    names = set()
    for settings_file in (BASE_DIR / "lms_site" / "settings").glob("*.py"):
        names |= set(re.findall(r"\benv(?:\.\w+)?\(\s*\"([A-Z][A-Z0-9_]*)\"", settings_file.read_text()))
        names |= set(re.findall(r"os\.environ(?:\.get\(|\[)\s*\"([A-Z][A-Z0-9_]*)\"", settings_file.read_text()))
    gunicorn_conf = (BASE_DIR / "gunicorn.conf.py").read_text()
    names |= set(re.findall(r"os\.environ(?:\.get\(|\[)\s*\"([A-Z][A-Z0-9_]*)\"", gunicorn_conf))
    return names


def test_the_readme_is_a_short_front_door():
    lines = README.read_text(encoding="utf-8").count("\n")
    assert lines <= README_MAX_LINES, f"README.md has {lines} lines; move the rest into docs/"


def test_every_relative_link_of_the_readme_and_the_manual_leads_to_a_file():
    broken = {str(path.relative_to(BASE_DIR)): links for path in markdown_files() if (links := broken_links(path))}
    assert not broken, f"links to missing files: {broken}"


def test_every_link_to_a_heading_finds_it():
    broken = {str(path.relative_to(BASE_DIR)): links for path in markdown_files() if (links := broken_anchors(path))}
    assert not broken, f"links to missing headings: {broken}"


def test_the_link_check_sees_a_missing_file(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "[ok](page.md) [gone](missing.md#part) ![img](pics/none.png) [web](https://wagtail.org) [top](#top)\n"
        "```\n[in code](nowhere.md)\n```\n[ref]: ../absent.md\n"
    )
    assert broken_links(page) == ["missing.md#part", "pics/none.png", "../absent.md"]


def test_the_heading_check_sees_a_missing_heading(tmp_path):
    (tmp_path / "other.md").write_text("# Other\n\n## The `e2e` app: tests\n\n## Twice\n\n## Twice\n")
    page = tmp_path / "page.md"
    page.write_text(
        "## Here\n[a](other.md#the-e2e-app-tests) [b](other.md#twice-1) [c](#here)\n[d](other.md#nowhere) [e](#gone)\n"
    )
    assert broken_anchors(page) == ["other.md#nowhere", "#gone"]


def test_every_app_is_on_the_architecture_map():
    architecture = ARCHITECTURE.read_text(encoding="utf-8")
    missing = [
        name
        for name in apps_in_repository()
        if f"`{name}`" not in architecture and not re.search(rf"^{re.escape(name)}/", architecture, re.MULTILINE)
    ]
    assert apps_in_repository(), "no app found: the check itself is broken"
    assert not missing, f"apps not named in docs/developers/architecture.md: {missing}"


def test_every_environment_variable_is_in_the_settings_page():
    settings_page = SETTINGS_PAGE.read_text(encoding="utf-8")
    variables = environment_variables_read()
    assert {"SECRET_KEY", "REDIS_URL", "GUNICORN_BIND"} <= variables, "the variable scan itself is broken"
    missing = sorted(name for name in variables if f"`{name}`" not in settings_page)
    assert not missing, f"environment variables missing from docs/operators/settings.md: {missing}"


def test_the_nginx_site_overwrites_the_headers_aula_trusts():
    directives = [line.split("#", 1)[0].strip() for line in NGINX_SITE.read_text(encoding="utf-8").splitlines()]
    for expected in (
        "proxy_set_header Host $host;",
        "proxy_set_header X-Forwarded-Host $host;",
        "proxy_set_header X-Forwarded-For $remote_addr;",  # overwritten: TRUSTED_PROXY_COUNT=1 trusts the last hop
        "proxy_set_header X-Forwarded-Proto $scheme;",
    ):
        assert expected in directives, f"{NGINX_SITE.name} lacks `{expected}`"
    assert not any("$proxy_add_x_forwarded_for" in directive for directive in directives)


def test_the_manual_includes_the_nginx_site_by_reference_only():
    copies = [str(path.relative_to(BASE_DIR)) for path in markdown_files() if "proxy_pass" in path.read_text()]
    assert not copies, f"a second copy of the nginx site in {copies}: link deploy/nginx/aula.conf instead"
