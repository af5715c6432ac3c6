"""The "Learning" admin menu: course statistics, enrollments (with CSV export and
"Enroll a student") and review moderation.

Instructors see the courses they own or teach; superusers see every course; moderators
hide and unhide reviews. Rows are written on the site (or by ``enroll``), so enrollments
are read-only here and reviews only have their ``hidden`` flag edited.
"""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Case, IntegerField, OuterRef, Subquery, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.models import Locale, Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .enrollment import EnrollmentError, Source, enroll
from .models import CoursePage, Enrollment, Review
from .statistics import course_keys_for, course_statistics, course_summaries, courses_for

STATISTICS_PERMISSION = "courses.view_enrollment"
MODERATE_REVIEWS_PERMISSION = "courses.change_review"


# Permissions -------------------------------------------------------------------------


class RefusingPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, minus the ``refused`` actions, which nobody (not even a
    superuser) may take in the admin."""

    refused = set()

    def user_has_permission(self, user, action):
        return action not in self.refused and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a not in self.refused])


class ReadOnlyEnrollmentPolicy(RefusingPermissionPolicy):
    """Enrollments are created by ``enroll`` (the "Enroll a student" form included) and
    never edited or deleted in the admin."""

    refused = {"change", "delete"}


class ModeratedReviewPolicy(RefusingPermissionPolicy):
    """Reviews are written by students; moderators only hide or unhide them."""

    refused = {"add", "delete"}


register_permission_policy(Enrollment, ReadOnlyEnrollmentPolicy(Enrollment), exact_class=True)
register_permission_policy(Review, ModeratedReviewPolicy(Review), exact_class=True)


def may_see_statistics(user):
    return user.is_active and (user.is_superuser or user.has_perm(STATISTICS_PERMISSION))


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
    """Filters by course, among the courses the user may see."""

    course = django_filters.ChoiceFilter(label=_("Course"), field_name="course_key", choices=[])

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            choices = [(str(c.translation_key), c.title) for c in courses_for(request.user)]
            self.filters["course"].extra["choices"] = choices


# Course statistics ------------------------------------------------------------------


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


# Enrollments ------------------------------------------------------------------------


def spreadsheet_safe(value):
    """A cell a spreadsheet will not run as a formula (a display name like "=HYPERLINK(...)"),
    including in locales whose spreadsheets also start formulas with ";" or "|" (DDE)."""
    value = str(value)
    return "'" + value if value[:1] in FORMULA_STARTS else value


FORMULA_STARTS = ("=", "+", "-", "@", ";", "|", "\t", "\r")


class EnrollmentFilterSet(CourseFilterSet):
    source = django_filters.ChoiceFilter(label=_("Source"), choices=Enrollment.Source.choices)

    class Meta:
        model = Enrollment
        fields = []


class EnrollmentIndexView(generic.IndexView):
    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        str: {
            SpreadsheetExportMixin.FORMAT_CSV: spreadsheet_safe,
            SpreadsheetExportMixin.FORMAT_XLSX: spreadsheet_safe,
        },
    }

    def get_base_queryset(self):
        enrollments = super().get_base_queryset().select_related("user")
        return with_course_title(visible_to(self.request.user, enrollments))

    @cached_property
    def add_item_label(self):
        return _("Enroll a student")


class EnrollStudentForm(forms.Form):
    email = forms.EmailField(label=_("Student's e-mail address"))
    course = forms.ModelChoiceField(
        label=_("Course"),
        queryset=CoursePage.objects.none(),
        error_messages={"invalid_choice": _("Choose one of your courses.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        courses = courses_for(user)
        self.fields["course"].queryset = (
            CoursePage.objects.filter(pk__in=[c.pk for c in courses]).defer_streamfields().order_by("title")
        )
        if not courses:
            self.fields["course"].help_text = _("You do not teach any course yet.")
        elif len(courses) == 1 and not self.initial.get("course"):
            self.initial["course"] = courses[0].pk

    def clean_email(self):
        email = self.cleaned_data["email"]
        student = get_user_model().objects.filter(email__iexact=email).first()
        if student is None:
            raise forms.ValidationError(_("No account uses this e-mail address."))
        self.student = student
        return email


class EnrollStudentView(WagtailAdminTemplateMixin, FormView):
    """Staff enroll a student by e-mail in one of their courses, through ``enroll``."""

    template_name = "courses/admin/enroll_student.html"
    form_class = EnrollStudentForm
    page_title = _("Enroll a student")
    header_icon = "user"
    index_url_name = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("courses.add_enrollment"):
            return forbidden(request, _("Only administrators and instructors enroll students."))
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("enrollments:index"), "label": Enrollment._meta.verbose_name_plural.capitalize()},
            {"url": "", "label": self.page_title},
        ]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_initial(self):
        return {"course": self.request.GET.get("course")}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.request.path,
            submit_button_label=_("Enroll"),
            submit_button_active_label=_("Enrolling…"),
        )
        return context

    def form_valid(self, form):
        student, course = form.student, form.cleaned_data["course"]
        names = {"student": student.get_display_name(), "course": course.title}
        try:
            _enrollment, created = enroll(student, course, Source.ADMIN)
        except EnrollmentError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        if created:
            messages.success(self.request, _("%(student)s is now enrolled in “%(course)s”.") % names)
        else:
            messages.warning(self.request, _("%(student)s was already enrolled in “%(course)s”.") % names)
        return redirect(reverse("enrollments:index") + f"?course={course.translation_key}")


class EnrollmentViewSet(ModelViewSet):
    model = Enrollment
    name = "enrollments"
    url_prefix = "learning/enrollments"
    icon = "user"
    menu_label = _("Enrollments")
    index_view_class = EnrollmentIndexView
    copy_view_enabled = False
    list_display = [
        Column("email", label=_("E-mail"), accessor="user.email", sort_key="user__email"),
        Column("name", label=_("Name"), accessor=lambda e: e.user.get_display_name()),
        Column("course_title", label=_("Course"), sort_key="course_title"),
        Column("source", label=_("Source"), accessor="get_source_display", sort_key="source"),
        DateColumn("created_at", label=_("Enrolled at"), sort_key="created_at"),
        DateColumn("last_activity_at", label=_("Last activity"), sort_key="last_activity_at"),
        DateColumn("completed_at", label=_("Completed at"), sort_key="completed_at"),
    ]
    filterset_class = EnrollmentFilterSet
    search_fields = ["user__email"]
    search_backend_name = None
    ordering = ["-created_at"]
    list_export = [
        "user.email",
        "user.get_display_name",
        "course_title",
        "get_source_display",
        "created_at",
        "last_activity_at",
        "completed_at",
    ]
    export_headings = {
        "user.email": _("E-mail"),
        "user.get_display_name": _("Name"),
        "course_title": _("Course"),
        "get_source_display": _("Source"),
        "created_at": _("Enrolled at"),
        "last_activity_at": _("Last activity"),
        "completed_at": _("Completed at"),
    }
    export_filename = "enrollments"

    @cached_property
    def add_view(self):
        return self.construct_view(EnrollStudentView)

    def get_urlpatterns(self):
        """Only the listing and the enroll form: rows are never edited, deleted or
        inspected one by one (that would show another course's students by id)."""
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
        ]


# Reviews ----------------------------------------------------------------------------


class ReviewFilterSet(CourseFilterSet):
    hidden = django_filters.BooleanFilter(label=_("Hidden"), widget=BooleanRadioSelect)

    class Meta:
        model = Review
        fields = ["hidden"]


class ReviewIndexView(generic.IndexView):
    def get_base_queryset(self):
        reviews = super().get_base_queryset().select_related("user")
        return with_course_title(visible_to(self.request.user, reviews, MODERATE_REVIEWS_PERMISSION))


class ReviewViewSet(ModelViewSet):
    model = Review
    name = "course_reviews"
    url_prefix = "learning/reviews"
    icon = "pick"
    menu_label = _("Reviews")
    index_view_class = ReviewIndexView
    copy_view_enabled = False
    list_display = [
        "rating",
        Column("comment", label=_("Comment"), accessor=lambda r: Truncator(r.comment).chars(140)),
        Column("course_title", label=_("Course"), sort_key="course_title"),
        Column("author", label=_("Author"), accessor=lambda r: r.user.get_display_name()),
        DateColumn("created_at", label=_("Created at"), sort_key="created_at"),
        BooleanColumn("hidden", label=_("Hidden"), sort_key="hidden"),
    ]
    filterset_class = ReviewFilterSet
    search_fields = ["comment"]
    search_backend_name = None
    ordering = ["-created_at"]
    panels = [FieldPanel("rating", read_only=True), FieldPanel("comment", read_only=True), FieldPanel("hidden")]


class LearningViewSetGroup(ViewSetGroup):
    menu_label = _("Learning")
    menu_icon = "clipboard-list"
    menu_order = 255
    items = (CourseStatisticsViewSet, EnrollmentViewSet, ReviewViewSet)
