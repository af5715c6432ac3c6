"""Who takes part in a resource's discussion (the discussions app asks the page).

Readers: whoever the access rule lets open the resource. Posters: enrolled students
(auditors included) and the course's staff. Moderators: the Moderators group,
superusers and the course's own instructors.
"""

from django.utils.translation import gettext_lazy as _

from discussions.policy import DiscussionPermissions, is_site_moderator

from .access import check_access
from .learning.enrollment import enrollment_for
from .teaching import is_course_instructor, teachers_of


def resource_discussion_permissions(resource, user):
    course = resource.course
    decision = check_access(user, resource)
    if not decision.allowed:
        return DiscussionPermissions(reason=decision.message)
    teaches = is_course_instructor(user, course)
    can_moderate = teaches or is_site_moderator(user)
    staff = decision.is_staff or can_moderate
    if staff or enrollment_for(user, course) is not None:
        return DiscussionPermissions(can_read=True, can_post=True, can_moderate=can_moderate)
    if not user.is_authenticated:
        reason = _("Log in and enroll in this course to join the discussion.")
    else:
        reason = _("Enroll in this course to join the discussion.")
    return DiscussionPermissions(can_read=True, can_post=False, can_moderate=False, reason=reason)


def resource_discussion_recipients(resource):
    return [user for user in teachers_of(resource.course) if user.is_active and user.email]
