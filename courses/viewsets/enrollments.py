"""Enrollments in the admin: a read-only listing with CSV export, and "Enroll a student".

Rows are written on the site (or by ``enroll``), so they are never edited or deleted here."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permissions import register_permission_policy

from core.permission_policies import RefusingPermissionPolicy

from ..learning.course_statistics import courses_for
from ..learning.enrollment import EnrollmentError, Source, enroll
from ..models import CoursePage, Enrollment
from .shared import (
    CourseFilterSet,
    CourseRecordIndexView,
    CourseRecordViewSet,
    forbidden,
    visible_to,
    with_course_title,
)


class ReadOnlyEnrollmentPolicy(RefusingPermissionPolicy):
    """Enrollments are created by ``enroll`` (the "Enroll a student" form included) and
    never edited or deleted in the admin."""

    refused = {"change", "delete"}


register_permission_policy(Enrollment, ReadOnlyEnrollmentPolicy(Enrollment), exact_class=True)


class EnrollmentFilterSet(CourseFilterSet):
    source = django_filters.ChoiceFilter(label=_("Source"), choices=Enrollment.Source.choices)

    class Meta:
        model = Enrollment
        fields = []


class EnrollmentIndexView(CourseRecordIndexView):
    def get_base_queryset(self):
        enrollments = super().get_base_queryset().select_related("user")
        return with_course_title(visible_to(self.request.user, enrollments))

    @cached_property
    def add_item_label(self):
        return _("Enroll a student")

    @cached_property
    def header_buttons(self):
        """ "Enroll a list" (bulk enrollment, ``people.BulkEnrollView``) for people managers."""
        from accounts.people import may_manage_people

        buttons = super().header_buttons
        if may_manage_people(self.request.user):
            buttons.append(HeaderButton(_("Enroll a list"), url=reverse("courses_bulk_enroll"), icon_name="group"))
        return buttons


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


class EnrollmentViewSet(CourseRecordViewSet):
    model = Enrollment
    name = "enrollments"
    url_prefix = "learning/enrollments"
    icon = "user"
    menu_label = _("Enrollments")
    index_view_class = EnrollmentIndexView
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
