"""The master-class list under the English home page, the Instructors' rights on it (add
and publish: events/permissions.py lets each edit only the classes they teach; Editors run
all through their rights on the home page), and the django-q2 schedule that sends the
reminders (events.reminders.send_due, every minute)."""

import uuid

from django.db import migrations

from accounts.role_grants import ensure_permissions, grant_page_permissions
from accounts.roles import INSTRUCTORS

FUNC = "events.reminders.send_due"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def _next_child_path(Page, parent):
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    if last is None:
        return parent.path + "0001"
    number = 0
    for char in last.path[-STEPLEN:]:
        number = number * len(ALPHABET) + ALPHABET.index(char)
    number += 1
    digits = ""
    for _step in range(STEPLEN):
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return parent.path + digits


def create_index(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Index = apps.get_model("events", "MasterClassIndexPage")
    HomePage = apps.get_model("home", "HomePage")
    existing = Index.objects.order_by("path").first()
    if existing:
        return existing
    home = (
        HomePage.objects.filter(locale__language_code="en").order_by("path").first()
        or HomePage.objects.order_by("path").first()
    )
    if home is None:
        return None
    slug = "master-classes"
    content_type, _created = ContentType.objects.get_or_create(app_label="events", model="masterclassindexpage")
    index = Index.objects.create(
        title="Master classes", draft_title="Master classes", slug=slug, content_type=content_type,
        path=_next_child_path(Page, home), depth=home.depth + 1, numchild=0, url_path=f"{home.url_path}{slug}/",
        locale_id=home.locale_id, translation_key=uuid.uuid4(), live=True, show_in_menus=True, introduction="",
    )  # fmt: skip
    Page.objects.filter(pk=home.pk).update(
        numchild=Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).count()
    )
    return index


def forwards(apps, schema_editor):
    ensure_permissions(apps)
    index = create_index(apps)
    if index is not None:
        grant_page_permissions(apps, INSTRUCTORS, index, ["add_page", "publish_page"])
    apps.get_model("django_q", "Schedule").objects.get_or_create(
        func=FUNC,
        defaults={"name": "Master-class reminders", "schedule_type": "I", "minutes": 1, "repeats": -1},
    )


def backwards(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(func=FUNC).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("accounts", "0002_roles"),
        ("home", "0002_create_homepage"),
        ("django_q", "0018_task_success_index"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
