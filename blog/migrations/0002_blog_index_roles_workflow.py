"""The blog of the default language, the roles' rights on it, and the "Blog review" workflow.

- A "Blog" index under the default-locale home page (if none exists); the other languages'
  blogs are its translations (made by the demo, or by an editor with wagtail-localize).
- Editors: page rights come from the home page (add, change, publish); they manage authors
  and categories. Moderators: page rights from the home page too.
- Instructors: "add" on the blog index — they write posts and edit their own, and never
  publish: their posts go to the "Blog review" workflow, whose task Editors and Moderators
  approve.
- Translators translate categories (pages: their rights on every other language's home).
"""

import uuid

from django.conf import settings
from django.db import migrations

from accounts.role_grants import ensure_permissions, grant_model_permissions, grant_page_permissions
from accounts.roles import EDITORS, INSTRUCTORS, MODERATORS, TRANSLATORS

BLOG_REVIEW = "Blog review"
BLOG_APPROVAL = "Blog post approval"


def create_blog_index(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    BlogIndexPage = apps.get_model("blog", "BlogIndexPage")
    HomePage = apps.get_model("home", "HomePage")

    home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by("path").first()
    if home is None:
        return None
    existing = BlogIndexPage.objects.filter(locale_id=home.locale_id).order_by("path").first()
    if existing:
        return existing
    slug = "blog"
    if Page.objects.filter(path__startswith=home.path, depth=home.depth + 1, slug=slug).exists():
        slug = "news-blog"
    last = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).order_by("-path").first()
    content_type, _ = ContentType.objects.get_or_create(app_label="blog", model="blogindexpage")
    blog = BlogIndexPage.objects.create(
        title="Blog",
        draft_title="Blog",
        slug=slug,
        content_type=content_type,
        path=_next_path(home.path, last.path if last else None),
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
    return blog


def _next_path(parent_path, last_path):
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if last_path is None:
        return parent_path + "0001"
    number = 0
    for char in last_path[-4:]:
        number = number * len(alphabet) + alphabet.index(char)
    number += 1
    digits = ""
    for _ in range(4):
        number, remainder = divmod(number, len(alphabet))
        digits = alphabet[remainder] + digits
    return parent_path + digits


def create_workflow(apps, blog):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    workflow = Workflow.objects.filter(name=BLOG_REVIEW).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=BLOG_REVIEW, active=True)
        content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name=BLOG_APPROVAL, active=True, content_type=content_type)
        task.groups.set(Group.objects.filter(name__in=[EDITORS, MODERATORS]))
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    if not WorkflowPage.objects.filter(page_id=blog.pk).exists():
        WorkflowPage.objects.create(page_id=blog.pk, workflow=workflow)


def forwards(apps, schema_editor):
    ensure_permissions(apps)
    grant_model_permissions(apps, EDITORS, [
        "blog.add_blogauthor", "blog.change_blogauthor", "blog.delete_blogauthor", "blog.view_blogauthor",
        "blog.add_blogcategory", "blog.change_blogcategory", "blog.delete_blogcategory", "blog.view_blogcategory",
    ])  # fmt: skip
    grant_model_permissions(apps, INSTRUCTORS, ["blog.view_blogauthor", "blog.view_blogcategory"])
    grant_model_permissions(apps, TRANSLATORS, ["blog.view_blogcategory", "blog.change_blogcategory"])
    blog = create_blog_index(apps)
    if blog is None:
        return
    grant_page_permissions(apps, INSTRUCTORS, blog, ["add_page"])
    create_workflow(apps, blog)


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0001_initial"),
        ("accounts", "0006_instructor_profile"),
        ("courses", "0002_catalog_roles_workflow"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
