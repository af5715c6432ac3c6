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
    """The user's roles, as translated labels, for display (in ``STAFF_GROUPS`` order)."""
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        return [_("Administrator")]
    held = {group.name for group in user.groups.all()}  # prefetched in listings
    names = [ROLE_LABELS[name] for name in STAFF_GROUPS if name in held]
    return names or [_("Student")]
