"""The course catalog, the media collection for courses, the roles' rights on them, and
the "Course review" workflow.

- A "Courses" catalog page under the default-locale home page (if none exists).
- A "Courses" collection; each course gets its own collection inside it.
- Instructors: add + publish on the catalog (editing is per course, for the course's
  instructors: courses/permissions.py), add media/documents/images in the Courses
  collection, caption tracks, choosing categories.
- Moderators: change + publish on the catalog, caption tracks.
- Editors: manage categories.
- Workflow "Course review" (one Moderators approval task) on the catalog; an admin can
  disable it in Settings → Workflows.
"""

import uuid

from django.db import migrations

from accounts.role_grants import (
    ensure_permissions,
    grant_collection_permissions,
    grant_model_permissions,
    grant_page_permissions,
)
from accounts.roles import EDITORS, INSTRUCTORS, MODERATORS

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def _next_child_path(Model, parent):
    last = Model.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    if last is None:
        return parent.path + "0001"
    step = last.path[-STEPLEN:]
    number = 0
    for char in step:
        number = number * len(ALPHABET) + ALPHABET.index(char)
    number += 1
    digits = ""
    for _ in range(STEPLEN):
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return parent.path[: len(parent.path)] + digits


def create_catalog(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    CourseIndexPage = apps.get_model("courses", "CourseIndexPage")
    HomePage = apps.get_model("home", "HomePage")
    Locale = apps.get_model("wagtailcore", "Locale")

    existing = CourseIndexPage.objects.order_by("path").first()
    if existing:
        return existing
    default_locale = Locale.objects.filter(language_code="en").first()
    home = (
        HomePage.objects.filter(locale=default_locale).order_by("path").first()
        or HomePage.objects.order_by("path").first()
    )
    if home is None:
        return None
    slug = "courses"
    if Page.objects.filter(path__startswith=home.path, depth=home.depth + 1, slug=slug).exists():
        slug = "course-catalog"
    content_type, _ = ContentType.objects.get_or_create(app_label="courses", model="courseindexpage")
    catalog = CourseIndexPage.objects.create(
        title="Courses",
        draft_title="Courses",
        slug=slug,
        content_type=content_type,
        path=_next_child_path(Page, home),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}{slug}/",
        locale_id=home.locale_id,
        translation_key=uuid.uuid4(),
        live=True,
        show_in_menus=True,
        introduction="",
    )
    Page.objects.filter(pk=home.pk).update(
        numchild=Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).count()
    )
    return catalog


def courses_collection(apps):
    Collection = apps.get_model("wagtailcore", "Collection")
    root = Collection.objects.get(depth=1)
    existing = Collection.objects.filter(depth=2, name="Courses", path__startswith=root.path).first()
    if existing:
        return existing
    collection = Collection.objects.create(name="Courses", path=_next_child_path(Collection, root), depth=2, numchild=0)
    Collection.objects.filter(pk=root.pk).update(numchild=Collection.objects.filter(depth=2).count())
    return collection


def create_workflow(apps, catalog, moderators):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    if Workflow.objects.filter(name="Course review").exists():
        return
    workflow = Workflow.objects.create(name="Course review", active=True)
    content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.create(name="Moderator approval", active=True, content_type=content_type)
    task.groups.set([moderators])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    if not WorkflowPage.objects.filter(page_id=catalog.pk).exists():
        WorkflowPage.objects.create(page_id=catalog.pk, workflow=workflow)


def forwards(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    catalog = create_catalog(apps)
    collection = courses_collection(apps)

    grant_collection_permissions(apps, INSTRUCTORS, collection, [
        "wagtailmedia.add_media",
        "wagtaildocs.add_document", "wagtaildocs.choose_document",
        "wagtailimages.add_image", "wagtailimages.choose_image",
    ])  # fmt: skip
    grant_collection_permissions(apps, MODERATORS, collection, [
        "wagtailmedia.change_media", "wagtaildocs.change_document", "wagtailimages.change_image",
    ])  # fmt: skip
    grant_model_permissions(apps, INSTRUCTORS, [
        "courses.add_captiontrack", "courses.change_captiontrack", "courses.view_captiontrack",
        "courses.view_category",
    ])  # fmt: skip
    grant_model_permissions(
        apps, MODERATORS, ["courses.change_captiontrack", "courses.view_captiontrack", "courses.view_category"]
    )
    grant_model_permissions(
        apps,
        EDITORS,
        ["courses.add_category", "courses.change_category", "courses.delete_category", "courses.view_category"],
    )
    if catalog is not None:
        grant_page_permissions(apps, INSTRUCTORS, catalog, ["add_page", "publish_page"])
        grant_page_permissions(apps, MODERATORS, catalog, ["change_page", "publish_page"])
        create_workflow(apps, catalog, Group.objects.get_or_create(name=MODERATORS)[0])


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("accounts", "0002_roles"),
        ("home", "0002_create_homepage"),
        ("wagtailmedia", "0005_alter_media_options"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
