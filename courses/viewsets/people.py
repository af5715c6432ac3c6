"""Courses on a user's learner page (``accounts.learners``) and bulk enrollment:

- the learner page's "Enrollments" panel: each course with its progress, and the actions
  "End this enrollment" (``end_enrollment``, reason: removed by staff; progress kept) and
  "Enroll in a course" (``enroll``, source: admin);
- "Enroll a list" (Learning → Enrollments): a course and a pasted list of addresses;
  ``learning.invitations.bulk_enroll`` enrolls or invites each and the page shows one line
  of report per address.

People managers only (``accounts.people.may_manage_people``), checked on every request;
every action is a POST (CSRF) that changes everything or nothing."""

import uuid

from django import forms
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from accounts.learners import LearnerPanel
from accounts.people import may_manage_people

from ..exceptions import EnrollmentError
from ..learning.course_statistics import courses_for
from ..learning.dashboard import enrolled_courses
from ..learning.enrollment import EndReason, Source, end_enrollment, enroll
from ..learning.invitations import MAX_LINES, Outcome, bulk_enroll
from ..models import CoursePage, Enrollment
from .shared import forbidden, with_course_title


def refused(request):
    return forbidden(request, _("Only administrators manage people."))


def course_choices(user):
    return [(str(course.translation_key), course.title) for course in courses_for(user, every=True)]


def course_for_key(key):
    """The course whose translation key is ``key`` (its default-language version first), or None."""
    try:
        key = uuid.UUID(str(key))
    except ValueError:
        return None
    pages = CoursePage.objects.filter(translation_key=key).defer_streamfields()
    return pages.filter(locale=Locale.get_default()).first() or pages.first()


def enrollments_panel(request, learner):
    """The learner's enrollments with their progress, and the enroll form."""
    if not may_manage_people(request.user):
        return None
    enrollments = list(with_course_title(Enrollment.objects.filter(user=learner)).order_by("-created_at"))
    progress = {row.enrollment.pk: row.progress for row in enrolled_courses(learner)}
    rows = [(enrollment, progress.get(enrollment.pk)) for enrollment in enrollments]
    enrolled_keys = {str(enrollment.course_key) for enrollment in enrollments}
    choices = [(key, title) for key, title in course_choices(request.user) if key not in enrolled_keys]
    return LearnerPanel(
        _("Enrollments"),
        "courses/admin/learner_enrollments.html",
        {"rows": rows, "course_choices": choices},
        order=10,
    )


class EnrollLearnerView(View):
    """Enroll the user in a course (POST: ``course``, a course's translation key)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        if not may_manage_people(request.user):
            return refused(request)
        learner = get_object_or_404(get_user_model(), pk=pk)
        course = course_for_key(request.POST.get("course", ""))
        if course is None:
            messages.error(request, _("Choose a course to enroll them in."))
        else:
            try:
                _enrollment, created = enroll(learner, course, Source.ADMIN)
            except EnrollmentError as error:
                messages.error(request, error.message)
            else:
                names = {"student": learner.get_display_name(), "course": course.title}
                if created:
                    messages.success(request, _("%(student)s is now enrolled in “%(course)s”.") % names)
                else:
                    messages.warning(request, _("%(student)s was already enrolled in “%(course)s”.") % names)
        return redirect("wagtailusers_users:learner", pk)


class EndEnrollmentView(View):
    """End one enrollment (POST), as staff: access stops at once, progress is kept."""

    http_method_names = ["post"]

    def post(self, request, pk):
        if not may_manage_people(request.user):
            return refused(request)
        enrollment = get_object_or_404(with_course_title(Enrollment.objects.select_related("user")), pk=pk)
        end_enrollment(enrollment, EndReason.ADMIN)
        messages.success(
            request,
            _("%(student)s is no longer enrolled in “%(course)s” (their progress is kept).")
            % {"student": enrollment.user.get_display_name(), "course": enrollment.course_title or "?"},
        )
        return redirect("wagtailusers_users:learner", enrollment.user_id)


class BulkEnrollForm(forms.Form):
    course = forms.ChoiceField(
        label=gettext_lazy("Course"),
        choices=[],
        error_messages={
            "required": gettext_lazy("Choose one of the courses offered."),
            "invalid_choice": gettext_lazy("Choose one of the courses offered."),
        },
    )
    addresses = forms.CharField(
        label=gettext_lazy("E-mail addresses"),
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
        help_text=gettext_lazy("One address per line, at most %(max)s.") % {"max": MAX_LINES},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].choices = [("", "---------"), *course_choices(user)]

    def clean_course(self):
        course = course_for_key(self.cleaned_data["course"])
        if course is None:
            raise forms.ValidationError(_("Choose one of the courses offered."))
        return course


class BulkEnrollView(WagtailAdminTemplateMixin, FormView):
    template_name = "courses/admin/bulk_enroll.html"
    form_class = BulkEnrollForm
    page_title = gettext_lazy("Enroll a list of addresses")
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not may_manage_people(request.user):
            return refused(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("enrollments:index"), "label": Enrollment._meta.verbose_name_plural.capitalize()},
            {"url": "", "label": self.page_title},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        course = form.cleaned_data["course"]
        try:
            report = bulk_enroll(form.cleaned_data["addresses"], course, self.request.user)
        except EnrollmentError as error:
            form.add_error("addresses", error.message)
            return self.form_invalid(form)
        counts = {outcome: sum(1 for line in report if line.outcome == outcome) for outcome in Outcome}
        context = self.get_context_data(form=form, report=report, counts=counts, course=course)
        return self.render_to_response(context)
