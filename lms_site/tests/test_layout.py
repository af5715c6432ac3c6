"""The layout's import rules (issue 22): no app imports the project package (``lms_site``,
its settings aside), and the apps below never import the ones above them, so nothing
loops: ``core`` → ``caching`` → nothing of Aula; ``courses`` never imports ``home``."""

import ast
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
APPS = sorted(path.parent.name for path in BASE_DIR.glob("*/apps.py") if path.parent.name != "lms_site")
# app -> the Aula apps it may never import (in its code and its tests alike)
NEVER = {
    "caching": set(APPS) - {"caching"},
    "core": set(APPS) - {"core", "caching"},
    "courses": {"home", "commerce", "certificates", "assessments", "search"},
}


def imported_packages(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def python_files(app):
    return [path for path in (BASE_DIR / app).rglob("*.py") if "migrations" not in path.parts]


@pytest.mark.parametrize("app", APPS)
def test_no_app_imports_the_project_package(app):
    wrong = {
        f"{path.relative_to(BASE_DIR)}: {name}"
        for path in python_files(app)
        for name in imported_packages(path)
        if name.split(".")[0] == "lms_site" and not name.startswith("lms_site.settings")
    }
    assert wrong == set()


@pytest.mark.parametrize("app", sorted(NEVER))
def test_lower_apps_never_import_higher_ones(app):
    wrong = {
        f"{path.relative_to(BASE_DIR)}: {name}"
        for path in python_files(app)
        if "tests" not in path.relative_to(BASE_DIR / app).parts  # tests may build on anything
        for name in imported_packages(path)
        if name.split(".")[0] in NEVER[app]
    }
    assert wrong == set()
