"""Every app's tests run: `make test-unit` collects the folders pyproject.toml lists in
``testpaths``, so an app whose tests are not listed there would silently never be tested."""

import tomllib
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def test_every_folder_with_tests_is_collected():
    listed = set(tomllib.loads((BASE_DIR / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["testpaths"])
    with_tests = {path.parent.parent.name for path in BASE_DIR.glob("*/tests/__init__.py")}
    with_tests |= {path.parent.name for path in BASE_DIR.glob("*/test_*.py") if path.parent.name != "e2e"}
    assert with_tests - {"e2e", "bench"} <= listed, f"not collected by make test-unit: {with_tests - listed}"
