"""Who may choose, upload, list and edit course files in the admin: per course.

The Instructors group's collection grants (migrations 0002 and 0005) are written on the
"Courses" collection (and the root), but an instructor holds each of them only on the
collections of the courses they own or teach. Every other group's grants (Moderators,
Editors) apply as Wagtail says. The policies below are Wagtail's own collection policies
with that one change in the grants they read, so every admin view, chooser, listing, form
and the admin API that asks Wagtail follows it: documents, wagtailmedia video and audio,
caption tracks. Images keep Wagtail's policy (cover images are public by design, and a new
course has no collection yet when its cover is chosen).
"""

from dataclasses import dataclass

from wagtail.models import Collection
from wagtail.permission_policies.collections import (
    CollectionOwnershipPermissionPolicy,
    CollectionPermissionPolicy,
)

from accounts.roles import INSTRUCTORS


@dataclass(frozen=True)
class CourseGrant:
    """An Instructors grant narrowed to one course's collection (it reads like Wagtail's
    GroupCollectionPermission for the policy's checks)."""

    permission: object
    collection: Collection

    @property
    def collection_id(self):
        return self.collection.pk


def taught_collections(user):
    """The collections of the courses ``user`` owns or teaches."""
    from .teaching import courses_taught_by

    courses = courses_taught_by(user).filter(collection__isnull=False)
    return list(Collection.objects.filter(pk__in=courses.values("collection_id")))


def scope_to_taught_courses(user, grants):
    taught = None
    scoped = set()
    for grant in grants:
        if grant.group.name != INSTRUCTORS:
            scoped.add(grant)
            continue
        if taught is None:
            taught = taught_collections(user)
        scoped.update(
            CourseGrant(grant.permission, collection)
            for collection in taught
            if collection.path.startswith(grant.collection.path)
        )
    return scoped


class CourseScopedGrantsMixin:
    # Not Wagtail's shared cache name: that one holds the unscoped grants.
    permission_cache_name = "_aula_course_scoped_collection_permissions"

    def get_all_permissions_for_user(self, user):
        grants = super().get_all_permissions_for_user(user).select_related("group")
        return scope_to_taught_courses(user, grants)


class CourseFileOwnershipPolicy(CourseScopedGrantsMixin, CollectionOwnershipPermissionPolicy):
    """Documents and media: Wagtail's policy (uploaders edit their own uploads) per course."""


class CourseFilePolicy(CourseScopedGrantsMixin, CollectionPermissionPolicy):
    """Caption tracks."""


def register_course_file_policies():
    """Called at the top of courses/wagtail_hooks.py; ``exact_class`` so that the
    documents' and wagtailmedia's own registrations (from their ready()) do not replace ours."""
    from wagtail.documents import get_document_model
    from wagtail.permissions import register_permission_policy

    from .models import CaptionTrack, CourseMedia

    register_permission_policy(
        get_document_model(),
        CourseFileOwnershipPolicy(
            get_document_model(), auth_model="wagtaildocs.Document", owner_field_name="uploaded_by_user"
        ),
        exact_class=True,
    )
    media_policy = CourseFileOwnershipPolicy(
        CourseMedia, auth_model="wagtailmedia.Media", owner_field_name="uploaded_by_user"
    )
    register_permission_policy(CourseMedia, media_policy, exact_class=True)
    register_permission_policy(CaptionTrack, CourseFilePolicy(CaptionTrack), exact_class=True)
    _hand_policy_to_wagtailmedia(media_policy)


def _hand_policy_to_wagtailmedia(policy):
    """wagtailmedia 0.17's views, menu and summary items build their own policy with
    ``wagtailmedia.get_permission_policy()`` instead of asking Wagtail's registry (only its
    forms and models ask the registry). Point that function at ours; this module is loaded
    before wagtailmedia's hooks (INSTALLED_APPS order), and anything built earlier is
    updated. courses/tests/test_file_permissions.py proves the media listing and chooser."""
    import sys

    import wagtailmedia
    import wagtailmedia.permissions

    def get_permission_policy():
        return policy

    wagtailmedia.get_permission_policy = get_permission_policy
    wagtailmedia.permissions.get_permission_policy = get_permission_policy
    wagtailmedia.permissions.permission_policy = policy
    hooks_module = sys.modules.get("wagtailmedia.wagtail_hooks")
    if hooks_module is not None:
        hooks_module.permission_policy = policy
        hooks_module.MediaAdminURLFinder.permission_policy = policy


def file_policy(item_or_model):
    from wagtail.permissions import policy_registry

    model = item_or_model if isinstance(item_or_model, type) else type(item_or_model)
    return policy_registry.get_by_type(model)
