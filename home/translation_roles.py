"""Every language's page tree, open to the roles that work on it.

The site's default language (``LANGUAGE_CODE``) is where content is authored: Editors and
Moderators hold their page permissions on its home page (``accounts/0002_roles``). Each
other language's tree starts at its own home page, created when the language is added
(a translation of the home page). When it appears, ``open_language_tree`` gives it:

- the Editors' and Moderators' page permissions of the source home page, so they edit
  and publish in every language;
- the Translators' "change" permission: translators edit every language's pages but the
  source's (where they have none), and never publish;
- the "Translation review" workflow, so a translator submits a translation and a
  moderator approves (publishes) it.

``accounts/0004_translators_language_trees`` does the same for the trees a database
already has; ``home/receivers.py`` calls this for each new one.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Locale, Workflow, WorkflowPage

from accounts.roles import EDITORS, MODERATORS, TRANSLATORS

TRANSLATION_REVIEW = "Translation review"
# Which groups' page permissions on the source home are repeated on every other language's.
ROLES_IN_EVERY_LANGUAGE = (EDITORS, MODERATORS)


def is_source_language(locale):
    return locale.language_code == settings.LANGUAGE_CODE


def open_language_tree(home):
    """Give ``home`` (the home page of a language other than the source one) its roles
    and the translation review workflow. Safe to call again."""
    if is_source_language(home.locale):
        return
    source_home = type(home).objects.filter(locale=Locale.get_default(), depth=home.depth).first()
    if source_home is not None:
        grants = GroupPagePermission.objects.filter(page=source_home, group__name__in=ROLES_IN_EVERY_LANGUAGE)
        for grant in grants:
            GroupPagePermission.objects.get_or_create(group=grant.group, page=home, permission=grant.permission)
    translators = Group.objects.filter(name=TRANSLATORS).first()
    if translators is not None:
        change = Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page")
        GroupPagePermission.objects.get_or_create(group=translators, page=home, permission=change)
    workflow = Workflow.objects.filter(name=TRANSLATION_REVIEW, active=True).first()
    if workflow is not None and not WorkflowPage.objects.filter(page=home).exists():
        WorkflowPage.objects.create(page=home, workflow=workflow)
