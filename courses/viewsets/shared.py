"""What the course admin listings share: rows of the courses the user teaches, the course's
title, a course filter and a real 403 inside the admin."""

import django_filters
from django.db.models import Case, IntegerField, OuterRef, Subquery, Value, When
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale, Page

from ..learning.course_statistics import course_keys_for, courses_for


def visible_to(user, queryset, moderator_permission=None):
    """Rows of the courses ``user`` owns or teaches; every row for superusers (and for
    holders of ``moderator_permission``)."""
    if moderator_permission and user.has_perm(moderator_permission):
        return queryset
    keys = course_keys_for(user)
    return queryset if keys is None else queryset.filter(course_key__in=keys)


def with_course_title(queryset):
    """The course's title (its default-language version first), even if the page a row
    points to was deleted."""
    default_locale = Locale.get_default().pk
    titles = (
        Page.objects.filter(
            translation_key=OuterRef("course_key"),
            content_type__app_label="courses",
            content_type__model="coursepage",
        )
        .order_by(Case(When(locale_id=default_locale, then=Value(0)), default=Value(1), output_field=IntegerField()))
        .values("title")[:1]
    )
    return queryset.annotate(course_title=Subquery(titles))


class CourseFilterSet(WagtailFilterSet):
    """Filters by course, among the courses the user may see (every course for holders of
    ``every_course_permission``)."""

    every_course_permission = None
    course = django_filters.ChoiceFilter(label=_("Course"), field_name="course_key", choices=[])

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            permission = self.every_course_permission
            every = bool(permission) and request.user.has_perm(permission)
            choices = [(str(c.translation_key), c.title) for c in courses_for(request.user, every=every)]
            self.filters["course"].extra["choices"] = choices


def forbidden(request, message):
    """A real 403 inside the admin (Wagtail's own refusal redirects to the dashboard, and a
    404 under /admin/ would be redirected to a language-prefixed URL)."""
    context = {
        "header_title": _("Not allowed"),
        "page_title": _("Not allowed"),
        "breadcrumbs_items": [*WagtailAdminTemplateMixin.breadcrumbs_items, {"url": "", "label": _("Not allowed")}],
        "message": message,
    }
    return TemplateResponse(request, "courses/admin/forbidden.html", context, status=403)


# What a spreadsheet may take as the start of a formula, including ";" and "|" (DDE) in
# locales whose spreadsheets split on ";".
FORMULA_STARTS = ("=", "+", "-", "@", ";", "|", "\t", "\r")


def spreadsheet_safe(value):
    """A cell a spreadsheet will not run as a formula (a display name like "=HYPERLINK(...)")."""
    value = str(value)
    return "'" + value if value[:1] in FORMULA_STARTS else value


class CourseRecordIndexView(generic.IndexView):
    """A course record listing whose CSV/XLSX export never carries a formula."""

    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        str: {
            SpreadsheetExportMixin.FORMAT_CSV: spreadsheet_safe,
            SpreadsheetExportMixin.FORMAT_XLSX: spreadsheet_safe,
        },
    }


class CourseRecordViewSet(ModelViewSet):
    """Rows students write on the site (enrollments, reviews): newest first, searched in
    the database, never copied in the admin."""

    copy_view_enabled = False
    search_backend_name = None
    ordering = ["-created_at"]
