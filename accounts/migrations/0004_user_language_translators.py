"""Translators translate every language's pages and never edit a source page; e-mails in
each user's language.

- ``User.language`` (chosen on the profile) and ``User.signup_language`` (recorded at
  sign-up): the language of the e-mails the site sends them (accounts/mail_language.py).

Before: Translators held "change" on the source (English) home page, so they were offered
"Save draft" on the English originals and had no right in the trees they translate into.
Now (``home/translation_roles.py`` does the same for each language added later):

- Translators lose "change" on the source home page, and get it on every other
  language's home page; Editors and Moderators get there the page rights they have on the
  source home page;
- a "Translation review" workflow (the Moderators' approval task) applies to every other
  language's tree: translators submit, a moderator publishes;
- Translators translate the category and certificate-template snippets (``change``; the
  admin refuses them the source snippets, ``home/translators.py``).
"""

from django.conf import settings
from django.db import migrations, models

from accounts.role_grants import ensure_permissions, grant_model_permissions
from accounts.roles import EDITORS, MODERATORS, TRANSLATORS

TRANSLATION_REVIEW = "Translation review"
SNIPPETS = [
    "courses.view_category",
    "courses.change_category",
    "certificates.view_certificatetemplate",
    "certificates.change_certificatetemplate",
]


def forwards(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    HomePage = apps.get_model("home", "HomePage")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Task = apps.get_model("wagtailcore", "Task")

    translators = Group.objects.get_or_create(name=TRANSLATORS)[0]
    change = Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page")
    grant_model_permissions(apps, TRANSLATORS, SNIPPETS)

    workflow = Workflow.objects.filter(name=TRANSLATION_REVIEW).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=TRANSLATION_REVIEW, active=True)
        task = Task.objects.filter(name="Moderator approval").first()
        if task is not None:
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    source_home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if source_home is not None:
        GroupPagePermission.objects.filter(group=translators, page_id=source_home.pk).delete()
    for home in HomePage.objects.exclude(locale__language_code=settings.LANGUAGE_CODE):
        if source_home is not None:
            for grant in GroupPagePermission.objects.filter(
                page_id=source_home.pk, group__name__in=[EDITORS, MODERATORS]
            ):
                GroupPagePermission.objects.get_or_create(
                    group_id=grant.group_id, page_id=home.pk, permission_id=grant.permission_id
                )
        GroupPagePermission.objects.get_or_create(group=translators, page_id=home.pk, permission=change)
        if not WorkflowPage.objects.filter(page_id=home.pk).exists():
            WorkflowPage.objects.create(page_id=home.pk, workflow=workflow)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_user_time_zone"),
        ("courses", "0011_remove_coursepage_currency"),
        ("certificates", "0003_role_grants"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="language",
            field=models.CharField(
                blank=True,
                choices=[("en", "English"), ("es", "Spanish"), ("pt-br", "Brazilian Portuguese"), ("fr", "French")],
                help_text="The e-mails the site sends you are written in this language. Blank: the one you signed up in.",
                max_length=10,
                verbose_name="language of e-mails",
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="signup_language",
            field=models.CharField(blank=True, editable=False, max_length=10, verbose_name="sign-up language"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
