"""Where announcements and messages show: two dashboard panels, a panel on the course page
and the "Communication" admin menu. Imported by ``notifications/wagtail_hooks.py``.

Everything here is per visitor and per request (never inside a shared fragment or a cached
page): what a reader sees comes from their personal cache, which their own dismissals,
enrollments, messages and read marks renew (``notifications/renewals.py``)."""

from django.utils.translation import get_language
from wagtail import hooks

from accounts.dashboard import DashboardPanel
from courses.hooks import CoursePagePanel

from . import announcing, messaging


@hooks.register("register_dashboard_panel")
def announcements_panel(request):
    shown = announcing.announcements_for(request.user, get_language())
    if not shown:
        return None
    return DashboardPanel(
        "notifications/dashboard/announcements.html",
        {"announcements": shown, "next": request.get_full_path()},
        order=5,
        stylesheets=["notifications/communication.css"],
    )


@hooks.register("register_dashboard_panel")
def messages_panel(request):
    inbox = messaging.inbox_summary(request.user)
    if not inbox["any"]:
        return None
    return DashboardPanel("notifications/dashboard/messages.html", inbox, order=15)


@hooks.register("register_course_page_context")
def course_announcements(page, request, context):
    """On the course page, for its enrolled students and staff: the course's announcements
    and a way to write to its instructors."""
    from courses.models import CoursePage
    from courses.teaching import course_staff_ids

    user = request.user
    if not isinstance(page, CoursePage) or not user.is_authenticated or getattr(request, "is_preview", False):
        return None
    enrolled = context.get("enrollment") is not None
    decision = context.get("access")
    if not enrolled and not (decision is not None and decision.is_staff):
        return None
    panel = CoursePagePanel(
        "notifications/announcements/course_panel.html",
        {
            "announcements": announcing.announcements_for(user, get_language(), course=page),
            "can_write": enrolled and bool(course_staff_ids(page)) and user.pk not in course_staff_ids(page),
            "course": page,
            "next": request.get_full_path(),
        },
    )
    return {"course_page_panels": [*context.get("course_page_panels", []), panel]}


@hooks.register("register_admin_viewset")
def register_communication_viewsets():
    from .admin import CommunicationViewSetGroup

    return CommunicationViewSetGroup()
