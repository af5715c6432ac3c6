"""Course archives in the course builder: "Export course (.zip)" on a course's curriculum
and "Import a course" on the builder's index. The rules are in courses/archive/ and
courses/permissions.py (``may_export_course``)."""

from django.contrib import messages
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..archive import format as archive_format
from ..archive.exporting import archive_chunks, archive_filename, prepare_export
from ..archive.importing import import_course, may_import_courses
from ..models import CoursePage
from ..permissions import may_export_course
from ..sources import source_course
from .shared import forbidden


def export_course(request, pk):
    """The course's archive, streamed as it is written (constant memory, any size)."""
    course = CoursePage.objects.filter(pk=pk).first()
    if course is None or not may_export_course(request.user, course):
        return forbidden(request, _("Only this course's owner, its instructors and administrators can export it."))
    course = source_course(course)  # the language versions come with the course as authored
    try:
        prepared = prepare_export(course)
    except archive_format.ArchiveError as error:
        messages.error(request, error.message)
        return redirect("course_builder:curriculum", course.pk)
    response = StreamingHttpResponse(archive_chunks(course, prepared), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{archive_filename(course)}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Accel-Buffering"] = "no"  # nginx hands the chunks on as they come
    return response


class ImportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "courses/admin/import_course.html"
    page_title = _("Import a course")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not may_import_courses(request.user):
            return forbidden(request, _("Only administrators and instructors can import courses."))
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("course_builder:index"), "label": _("Course builder")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["max_size"] = archive_format.limit("MAX_UPLOAD_SIZE")
        return context

    def post(self, request):
        upload = request.FILES.get("archive")
        if upload is None:
            return self.refuse(_("Choose a course archive (.zip) to import."))
        if upload.size > archive_format.limit("MAX_UPLOAD_SIZE"):
            return self.refuse(
                _("This archive is larger than the admin accepts: ask the site's operator to import it.")
            )
        try:
            result = import_course(upload, request.user)
        except archive_format.ArchiveError as error:
            return self.refuse(error.message)
        finally:
            upload.close()
        course = result.course
        if result.submitted:
            messages.success(request, _("“%(title)s” was imported and submitted for review.") % {"title": course.title})
        else:
            messages.success(request, _("“%(title)s” was imported as a draft.") % {"title": course.title})
        for note in result.notes:
            messages.warning(request, note)
        return redirect("course_builder:curriculum", course.pk)

    def refuse(self, message):
        return self.render_to_response(self.get_context_data(error=message), status=400)
