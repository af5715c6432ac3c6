"""The course builder: "Courses → My courses" lists the user's courses, and each course's
curriculum view builds it (add, reorder, preview) and submits it for review in one action.
The rules are in courses/builder.py and courses/course_review.py."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.models import Locale

from accounts.roles import INSTRUCTORS

from .. import builder, course_review
from ..exceptions import CourseError
from ..models import CoursePage
from .shared import forbidden


def may_use_builder(user):
    return user.is_active and (builder.sees_every_course(user) or user.groups.filter(name=INSTRUCTORS).exists())


class CourseListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "courses/admin/builder_index.html"
    page_title = _("Course builder")
    header_icon = "folder-open-inverse"

    def dispatch(self, request, *args, **kwargs):
        if not may_use_builder(request.user):
            return forbidden(request, _("The course builder is for instructors, moderators and administrators."))
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = builder.course_rows(self.request.user)
        context["default_language"] = Locale.get_default().language_code
        catalogs = CoursePage.allowed_parent_page_models()[0].objects.order_by("path")
        catalog = next((c for c in catalogs if c.permissions_for_user(self.request.user).can_add_subpage()), None)
        if catalog is not None:
            context["add_course_url"] = reverse("wagtailadmin_pages:add", args=("courses", "coursepage", catalog.pk))
        return context


class CourseBuilderMixin:
    """The course of the URL, for its own staff and administrators only (a real 403 otherwise)."""

    def dispatch(self, request, *args, **kwargs):
        self.course = CoursePage.objects.filter(pk=kwargs["pk"]).first()
        if self.course is None or not builder.may_build(request.user, self.course):
            return forbidden(request, _("Only this course's instructors and administrators can build it."))
        return super().dispatch(request, *args, **kwargs)

    def back(self):
        return redirect("course_builder:curriculum", self.course.pk)


class CurriculumView(CourseBuilderMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "courses/admin/curriculum.html"
    page_title = _("Curriculum")
    header_icon = "list-ul"

    def get_page_subtitle(self):
        return self.course.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("course_builder:index"), "label": _("Course builder")},
            {"url": "", "label": self.course.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        course, user = self.course, self.request.user
        sections = builder.curriculum(course)
        add_section_url, add_resource_urls = builder.create_urls(course, sections)
        here = reverse("course_builder:curriculum", args=(course.pk,))
        for section in sections:
            section.add_resource_url = f"{add_resource_urls[section.page.pk]}?next={here}"
        status = builder.status_of(course, course_review.pages_in_review(course))
        context.update(
            course=course,
            course_status_code=status,
            course_status=builder.Status.LABELS[status],
            sections=sections,
            add_section_url=f"{add_section_url}?next={here}",
            next_url=here,
            review=course_review.review_summary(course, user),
        )
        return context


class MoveView(CourseBuilderMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk, page_id):
        try:
            page = builder.move(self.course, page_id, request.POST.get("direction"), request.user)
        except CourseError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("“%(title)s” moved.") % {"title": page.get_admin_display_title()})
        return self.back()


class SubmitView(CourseBuilderMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        try:
            submission = course_review.submit_course(self.course, request.user)
        except CourseError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("“%(title)s” was submitted for review with %(count)s changed pages.")
                % {"title": self.course.title, "count": submission.pages.count()},
            )
        return self.back()


class BuilderMenuItem(MenuItem):
    def is_shown(self, request):
        return may_use_builder(request.user)


class CourseBuilderViewSet(ViewSet):
    name = "course_builder"
    url_prefix = "courses/builder"
    icon = "folder-open-inverse"
    menu_label = _("Course builder")
    menu_item_class = BuilderMenuItem

    def get_urlpatterns(self):
        return [
            path("", CourseListView.as_view(), name="index"),
            path("<int:pk>/", CurriculumView.as_view(), name="curriculum"),
            path("<int:pk>/move/<int:page_id>/", MoveView.as_view(), name="move"),
            path("<int:pk>/submit/", SubmitView.as_view(), name="submit"),
        ]
