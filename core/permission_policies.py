"""Permission policies the apps' admin viewsets share."""

from wagtail.permission_policies import ModelPermissionPolicy


class RefusingPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, minus the ``refused`` actions, which nobody (not even a
    superuser) may take in the admin."""

    refused = set()

    def user_has_permission(self, user, action):
        return action not in self.refused and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a not in self.refused])
