"""The "Learning" admin menu: course statistics, enrollments, invitations and review moderation."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup

from .course_statistics import CourseStatisticsViewSet
from .enrollments import EnrollmentViewSet
from .invitations import InvitationViewSet
from .reviews import ReviewViewSet


class LearningViewSetGroup(ViewSetGroup):
    menu_label = _("Learning")
    menu_icon = "clipboard-list"
    menu_order = 255
    items = (CourseStatisticsViewSet, EnrollmentViewSet, InvitationViewSet, ReviewViewSet)
