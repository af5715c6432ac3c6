"""Aula's staff roles. Students are plain users with no group and no admin access.

The groups are created by a data migration (``0002_roles``); later apps extend their
permissions with their own migrations as their page types and models arrive.
"""

from django.utils.translation import gettext_lazy as _

INSTRUCTORS = "Instructors"
MODERATORS = "Moderators"
EDITORS = "Editors"
TRANSLATORS = "Translators"

STAFF_GROUPS = [INSTRUCTORS, MODERATORS, EDITORS, TRANSLATORS]

ROLE_LABELS = {
    INSTRUCTORS: _("Instructor"),
    MODERATORS: _("Moderator"),
    EDITORS: _("Editor"),
    TRANSLATORS: _("Translator"),
}


def role_names(user):
    """The user's roles, as translated labels, for display."""
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        return [_("Administrator")]
    names = [ROLE_LABELS[g.name] for g in user.groups.all() if g.name in ROLE_LABELS]
    return names or [_("Student")]
