"""Course statistics in the admin: instructors see the courses they own or teach, superusers
every course."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from accounts.admin_home import chart_media
from accounts.school_figures import school_figures

from ..hooks import contributed_statistics
from ..learning.course_statistics import course_keys_for, course_statistics, course_summaries, courses_for
from ..models import CoursePage
from .shared import forbidden

STATISTICS_PERMISSION = "courses.view_enrollment"


def may_see_statistics(user):
    return user.is_active and (user.is_superuser or user.has_perm(STATISTICS_PERMISSION))


class StatisticsViewMixin(WagtailAdminTemplateMixin):
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_statistics(request.user):
            return forbidden(request, _("Course statistics are for the course's instructors and administrators."))
        try:
            return super().dispatch(request, *args, **kwargs)
        except Http404:
            return forbidden(request, _("You can only see the statistics of the courses you own or teach."))


class StatisticsIndexView(StatisticsViewMixin, TemplateView):
    template_name = "courses/admin/statistics_index.html"
    page_title = _("Course statistics")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summaries"] = course_summaries(courses_for(self.request.user))
        return context


class StatisticsDetailView(StatisticsViewMixin, TemplateView):
    template_name = "courses/admin/statistics_detail.html"
    page_title = _("Course statistics")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.course = None

    def get_course(self):
        """Http404 (answered with a 403) for a course the user does not teach or that does not exist."""
        courses = CoursePage.objects.defer_streamfields()
        keys = course_keys_for(self.request.user)
        if keys is not None:
            courses = courses.filter(translation_key__in=keys)
        return get_object_or_404(courses, pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.course = self.get_course()
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.course.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("course_statistics:index"), "label": self.page_title},
            {"url": "", "label": self.course.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["stats"] = course_statistics(self.course)
        context["enrollments_url"] = reverse("enrollments:index") + f"?course={self.course.translation_key}"
        context["enroll_url"] = reverse("enrollments:add") + f"?course={self.course.pk}"
        context["can_enroll"] = self.request.user.has_perm("courses.add_enrollment")
        context["contributed_rows"] = contributed_statistics(self.course, self.request)
        context["figures"] = school_figures(self.request, self.request.GET.get("period"), course=self.course)
        context["media"] = chart_media()
        return context


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_statistics(request.user)


class CourseStatisticsViewSet(ViewSet):
    name = "course_statistics"
    url_prefix = "learning/statistics"
    icon = "table"
    menu_label = _("Course statistics")
    menu_item_class = StatisticsMenuItem

    def get_urlpatterns(self):
        return [
            path("", StatisticsIndexView.as_view(), name="index"),
            path("<int:pk>/", StatisticsDetailView.as_view(), name="detail"),
        ]
