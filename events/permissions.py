"""Who may edit a master class in the Wagtail admin.

Editors hold change and publish on the whole site (accounts' roles) and run every master
class. Instructors hold *add* and *publish* on the master-class list (migration 0002), so
they create classes; Wagtail alone would then let them edit only the pages they created.
Aula's rule: a class's instructors and its owner edit and publish it, and mark who
attended (``attendance.py``); other instructors only look.
"""

from wagtail.models import PagePermissionTester


def teaches(user, master_class):
    """The class's owner or one of its instructors."""
    if not user.is_authenticated or not master_class.pk:
        return False
    return master_class.owner_id == user.pk or master_class.instructors.filter(pk=user.pk).exists()


class MasterClassPermissionTester(PagePermissionTester):
    def __init__(self, user, page):
        super().__init__(user, page)
        if not user.is_active or user.is_superuser or "change" in self.permissions:
            return
        if teaches(user, page):
            self.permissions = self.permissions | {"change"}
        else:
            self.permissions = set()


def may_run(user, master_class):
    """May ``user`` edit ``master_class`` and mark its attendance?"""
    return user.is_authenticated and master_class.permissions_for_user(user).can_edit()
