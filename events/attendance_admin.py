"""Attendance at live sessions, in the Wagtail admin: a course's instructors (and
administrators) list the live sessions of their courses and tick who attended. Marking a
student completes the resource for them (``live_sessions.mark_attended``)."""

from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.localized import page_in_active_language
from courses.models import ResourcePage
from courses.viewsets.shared import forbidden

from .exceptions import EventsError
from .live_sessions import mark_attended, may_mark_attendance, sessions_taught_by, students_of, unmark_attended
from .models import LiveSession


class LiveSessionIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "events/admin/live_sessions.html"
    page_title = _("Live sessions")
    header_icon = "date"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sessions"] = sessions_taught_by(self.request.user)
        return context


class AttendanceView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "events/admin/live_session_attendance.html"
    header_icon = "date"

    def dispatch(self, request, resource_key):
        self.session = get_object_or_404(LiveSession, resource_key=resource_key)
        self.resource = page_in_active_language(ResourcePage.objects.live(), resource_key)
        if self.resource is None or not may_mark_attendance(request.user, self.resource):
            return forbidden(request, _("Only this course's instructors can mark attendance."))
        return super().dispatch(request)

    def get_page_title(self):
        return _("Attendance: %(title)s") % {"title": self.session.title}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("live_sessions"), "label": _("Live sessions")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(session=self.session, students=students_of(self.session))
        return context

    def post(self, request):
        chosen = {value for value in request.POST.getlist("attended") if value.isdigit()}
        students = {str(user.pk): (user, was) for user, was in students_of(self.session)}
        unknown = chosen - set(students)
        if unknown:
            messages.error(request, _("Only students enrolled in this course can be marked."))
            return redirect(request.path)
        newly = [students[pk][0] for pk in chosen if not students[pk][1]]
        removed = [user for pk, (user, was) in students.items() if was and pk not in chosen]
        try:
            marked = mark_attended(request.user, self.resource, newly)
            unmarked = unmark_attended(request.user, self.resource, removed)
        except EventsError as error:
            messages.error(request, error.message)
            return redirect(request.path)
        messages.success(
            request,
            _("Attendance saved: %(marked)s marked, %(unmarked)s taken back.")
            % {"marked": marked, "unmarked": unmarked},
        )
        return redirect(request.path)


def admin_urls():
    return [
        path("live-sessions/", LiveSessionIndexView.as_view(), name="live_sessions"),
        path("live-sessions/<uuid:resource_key>/", AttendanceView.as_view(), name="live_session_attendance"),
    ]
