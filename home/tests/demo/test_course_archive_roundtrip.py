"""A course round-trips between two databases: the demo's Python course (every block type,
its Spanish translation with captions, an evaluation with its keys) exported here, imported
with ``manage.py import_course`` in another process into a freshly migrated SQLite database,
exported again there, and the two archives compared (page tree, block JSON with ids
remapped, files by SHA-256, captions, evaluation keys, translations).

It reads the demo seeded once for this package (conftest.py); its own cost is migrating the
new database in another process."""

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from django.conf import settings
from wagtail.models import Locale

from courses.archive.exporting import write_archive
from courses.models import CoursePage, ResourcePage

ROOT = Path(settings.BASE_DIR)
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

FRESH_SITE_SETTINGS = """
import os
from lms_site.settings.test import *  # noqa: F403
MEDIA_ROOT = os.environ["ROUNDTRIP_MEDIA_ROOT"]
AULA_PRIVATE_MEDIA_ROOT = MEDIA_ROOT + "-private"
"""

# What an operator does on a new site before importing: an instructor, the Spanish language
# and its catalog.
PREPARE_FRESH_SITE = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale
from courses.models import CourseIndexPage
user = get_user_model().objects.create_user(email="teacher@new.test", password="x-Strong-pass-2026")
user.groups.add(Group.objects.get(name="Instructors"))
spanish = Locale.objects.get_or_create(language_code="es")[0]
catalog = CourseIndexPage.objects.get(locale=Locale.get_default())
home = catalog.get_parent()
if home.get_translation_or_none(spanish) is None:
    home.specific.copy_for_translation(spanish).save_revision().publish()
catalog.copy_for_translation(spanish).save_revision().publish()
"""


def manage(*args, env):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def comparable(data):
    """An archive's content with the exporting site's ids replaced: pages by their place,
    files by their SHA-256, list item ids left out of translation contexts."""
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("manifest.json"))
    files = {entry["id"]: entry["sha256"] for entry in manifest["files"]}
    places = {page["key"]: index for index, page in enumerate(manifest["pages"])}

    def remapped(value):
        if isinstance(value, dict):
            if set(value) == {"file"}:
                return {"file": files[value["file"]]}
            if set(value) == {"page"}:
                return {"page": places.get(value["page"])}
            return {name: remapped(item) for name, item in value.items()}
        if isinstance(value, list):
            return [remapped(item) for item in value]
        if isinstance(value, str):
            return re.sub(r'id="((?:image|document)-\d+)"', lambda match: f'id="{files[match[1]]}"', value)
        return value

    pages = [
        {"parent": places.get(page["parent"]), "type": page["type"],
         "fields": {name: remapped(value) for name, value in page["fields"].items() if name != "slug" or index}}
        for index, page in enumerate(manifest["pages"])
    ]  # fmt: skip
    translations = {
        translation["language"]: sorted(
            (
                places[entry["key"]],
                sorted((UUID.sub("*", s["context"]) if ".choices." in s["context"] or ".accepted_answers." in
                        s["context"] else s["context"], s["source"], s["translation"]) for s in entry["strings"]),
                sorted((o["context"], json.dumps(remapped(o["value"]))) for o in entry["overrides"]),
            )
            for entry in translation["pages"]
        )
        for translation in manifest["translations"]
    }  # fmt: skip
    files_compared = sorted(
        (entry["kind"], entry["sha256"], entry["size"], entry["title"], entry.get("language"), entry.get("type"))
        for entry in manifest["files"]
    )
    return {
        "language": manifest["language"],
        "category": manifest["category"],
        "pages": pages,
        "translations": translations,
        "files": files_compared,
    }


def test_a_demo_course_round_trips_into_a_fresh_database(tmp_path):
    course = CoursePage.objects.get(slug="python-from-scratch", locale=Locale.get_default())
    exported = tmp_path / "course.zip"
    with open(exported, "wb") as handle:
        write_archive(course, handle)
    original = exported.read_bytes()
    content = comparable(original)
    # The test can fail: the archive holds every block type, captions, the keys, Spanish.
    used = {block["type"] for page in content["pages"] for block in page["fields"].get("body") or []}
    body_types = set(ResourcePage._meta.get_field("body").stream_block.child_blocks) - {"graded_exercise"}
    assert used == body_types
    assert {kind for kind, *_rest in content["files"]} == {"media", "caption", "document", "image"}
    assert "Mercurio" in json.dumps(content["translations"]["es"], ensure_ascii=False)
    assert "¡Empecemos!" in json.dumps(content["translations"]["es"], ensure_ascii=False)  # a caption cue
    assert '"correct": true' in json.dumps(content["pages"])

    (tmp_path / "roundtrip_settings.py").write_text(FRESH_SITE_SETTINGS)
    env = {
        **os.environ,
        "PYTHONPATH": f"{tmp_path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
        "DJANGO_SETTINGS_MODULE": "roundtrip_settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        "ROUNDTRIP_MEDIA_ROOT": str(tmp_path / "fresh-media"),
    }
    env.pop("REDIS_URL", None)  # the other site's cache is its own (in-process)
    manage("migrate", "--no-input", "-v", "0", env=env)
    manage("shell", "-c", PREPARE_FRESH_SITE, env=env)
    output = manage("import_course", str(exported), "--user", "teacher@new.test", env=env)
    assert "submitted for review" in output, output
    page_id = re.search(r"\(page (\d+)\)", output)[1]
    again = tmp_path / "again.zip"
    manage("export_course", page_id, "-o", str(again), env=env)

    imported = comparable(again.read_bytes())
    assert imported["pages"] == content["pages"]
    assert imported["files"] == content["files"]
    assert imported["translations"] == {"es": content["translations"]["es"]}
    assert "“fr” translation was left out" in output  # the new site has no French
    assert imported["category"] is None  # the new site has no "Programming" category: left empty
