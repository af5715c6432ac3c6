"""The course builder: "Courses → My courses" lists the user's courses, and each course's
curriculum view builds it (add, reorder, preview) and submits it for review in one action.
The rules are in courses/builder.py and courses/course_review.py."""

from django.contrib import messages
from django.core.exceptions import TooManyFilesSent
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.models import Locale

from .. import builder, bulk_upload, course_review
from ..archive.importing import may_import_courses
from ..exceptions import CourseError
from ..models import CoursePage
from ..permissions import may_export_course
from ..teaching import in_instructors_group
from . import archive
from .shared import forbidden

# What the curriculum's script says (courses/static/courses/js/curriculum.js), translated
# here: the script looks each English text up in this table.
SCRIPT_STRINGS = [
    _("The new order could not be saved."),
    _("“%(title)s” moved to position %(position)s of %(count)s. %(saved)s"),
    _(
        "“%(title)s” grabbed, position %(position)s of %(count)s. Use the up and down arrow keys, "
        "then Enter to drop it, or Escape to cancel."
    ),
    _("Move of “%(title)s” cancelled."),
    _("“%(title)s” dropped where it was."),
    _("Position %(position)s of %(count)s."),
    _("Not uploaded: the server did not answer."),
    _("%(added)s of %(count)s files added as draft resources."),
    _("Show them in the curriculum"),
]


def script_strings():
    from django.utils import translation

    with translation.override("en"):
        english = [str(text) for text in SCRIPT_STRINGS]
    return dict(zip(english, (str(text) for text in SCRIPT_STRINGS), strict=True))


def may_use_builder(user):
    return user.is_active and (builder.sees_every_course(user) or in_instructors_group(user))


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
        if may_import_courses(self.request.user):
            context["import_url"] = reverse("course_builder:import")
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
        review = course_review.review_summary(course, user)
        status = builder.status_of(course, course_review.pages_in_review(course))
        context.update(
            course=course,
            course_status_code=status,
            course_status=builder.Status.LABELS[status],
            sections=sections,
            add_section_url=f"{add_section_url}?next={here}",
            next_url=here,
            review=review,
            resource_types=builder.new_resource_types(),
            max_upload_files=bulk_upload.max_files(),
            script_strings=script_strings(),
            course_changed=not course.live or course.has_unpublished_changes,
            export_url=reverse("course_builder:export", args=(course.pk,)) if may_export_course(user, course) else "",
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


def wants_json(request):
    return request.accepts("application/json") and not request.accepts("text/html")


class AddSectionView(CourseBuilderMixin, View):
    """A section added in place: its title, a draft at the end of the course."""

    http_method_names = ["post"]

    def post(self, request, pk):
        try:
            page = builder.add_section(self.course, request.POST.get("title"), request.user)
        except CourseError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Section “%(title)s” added as a draft.") % {"title": page.title})
        return self.back()


class AddResourceView(CourseBuilderMixin, View):
    """A resource added in place: its title and type, a draft at the end of its section."""

    http_method_names = ["post"]

    def post(self, request, pk, section_id):
        title, kind = request.POST.get("title"), request.POST.get("type")
        try:
            page = builder.add_resource(self.course, section_id, title, kind, request.user)
        except CourseError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("“%(title)s” added as a draft: edit it to fill it in.") % {"title": page.title})
        return self.back()


class ReorderView(CourseBuilderMixin, View):
    """A drag and drop (or a keyboard move): the section's (or course's) children in their new order."""

    http_method_names = ["post"]

    def post(self, request, pk, parent_id):
        try:
            moved = builder.reorder(self.course, parent_id, request.POST.getlist("order"), request.user)
        except CourseError as error:
            if wants_json(request):
                return JsonResponse({"ok": False, "message": str(error.message)}, status=400)
            messages.error(request, error.message)
        else:
            if wants_json(request):
                return JsonResponse({"ok": True, "moved": moved, "message": str(_("New order saved."))})
            messages.success(request, _("New order saved."))
        return self.back()


class BulkUploadView(CourseBuilderMixin, View):
    """Files dropped on a section: one draft resource per video, audio or PDF, a message per file."""

    http_method_names = ["post"]

    def post(self, request, pk, section_id):
        try:
            files = request.FILES.getlist("files")
            results = bulk_upload.upload_to_section(self.course, section_id, files, request.user)
        except TooManyFilesSent:
            return self.refuse(_("Too many files at once: nothing was uploaded. Send at most %(count)s.") % {
                "count": bulk_upload.max_files()})  # fmt: skip
        except CourseError as error:
            return self.refuse(error.message)
        if wants_json(request):
            return JsonResponse({"ok": all(r.ok for r in results), "files": [r.as_dict() for r in results]})
        for result in results:
            (messages.success if result.ok else messages.error)(request, f"{result.name}: {result.message}")
        return self.back()

    def refuse(self, message):
        if wants_json(self.request):
            return JsonResponse({"ok": False, "message": str(message), "files": []}, status=400)
        messages.error(self.request, message)
        return self.back()


class SubmitView(CourseBuilderMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        try:
            submission = course_review.submit_course(self.course, request.user)
        except CourseError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, course_review.submitted_message(self.course, submission))
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
            path("<int:pk>/sections/add/", AddSectionView.as_view(), name="add_section"),
            path("<int:pk>/sections/<int:section_id>/add/", AddResourceView.as_view(), name="add_resource"),
            path("<int:pk>/sections/<int:section_id>/upload/", BulkUploadView.as_view(), name="bulk_upload"),
            path("<int:pk>/reorder/<int:parent_id>/", ReorderView.as_view(), name="reorder"),
            path("<int:pk>/export/", archive.export_course, name="export"),
            path("import/", archive.ImportView.as_view(), name="import"),
        ]
