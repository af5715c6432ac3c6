"""Certificates in the admin, for administrators and the course's instructors: the listing
(with CSV/XLSX export), "Issue a certificate" (the rules, or an override with a reason) and
one certificate's page (revoke with a reason)."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import register_permission_policy

from core.permission_policies import RefusingPermissionPolicy
from courses.learning.course_statistics import courses_for
from courses.models import CoursePage
from courses.viewsets.shared import CourseFilterSet, CourseRecordIndexView, CourseRecordViewSet, forbidden, visible_to

from .exceptions import CertificateError
from .issuing import issue_by_hand, may_manage, revoke
from .models import Certificate, CertificateTemplate


class CertificatePolicy(RefusingPermissionPolicy):
    """Certificates are issued by ``issuing`` (the form below included) and revoked, never
    edited or deleted: what was issued stays on record."""

    refused = {"change", "delete"}


register_permission_policy(Certificate, CertificatePolicy(Certificate), exact_class=True)


class CertificateFilterSet(CourseFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=[("valid", gettext_lazy("Valid")), ("revoked", gettext_lazy("Revoked"))],
        method="filter_status",
    )

    class Meta:
        model = Certificate
        fields = []

    def filter_status(self, queryset, name, value):
        return queryset.filter(revoked_at__isnull=value == "valid")


class CertificateIndexView(CourseRecordIndexView):
    def get_base_queryset(self):
        return visible_to(self.request.user, super().get_base_queryset().select_related("user"))

    @cached_property
    def add_item_label(self):
        return _("Issue a certificate")


class StatusColumn(Column):
    def get_value(self, instance):
        return _("Revoked") if instance.is_revoked else _("Valid")


class CodeColumn(Column):
    cell_template_name = "certificates/admin/code_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["manage_url"] = reverse("certificates_admin:manage", args=[instance.pk])
        return context


class IssueCertificateForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Student's e-mail address"))
    course = forms.ModelChoiceField(
        label=gettext_lazy("Course"),
        queryset=CoursePage.objects.none(),
        error_messages={"invalid_choice": gettext_lazy("Choose one of your courses.")},
    )
    override_reason = forms.CharField(
        label=gettext_lazy("Override reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Only when the student has not met the rules (not enrolled, auditing, not finished): why you issue it "
            "anyway. It is recorded with your name."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        courses = courses_for(user)
        self.fields["course"].queryset = (
            CoursePage.objects.filter(pk__in=[c.pk for c in courses]).defer_streamfields().order_by("title")
        )

    def clean_email(self):
        email = self.cleaned_data["email"]
        self.student = get_user_model().objects.filter(email__iexact=email).first()
        if self.student is None:
            raise forms.ValidationError(_("No account uses this e-mail address."))
        return email


class IssueCertificateView(WagtailAdminTemplateMixin, FormView):
    template_name = "certificates/admin/issue.html"
    form_class = IssueCertificateForm
    page_title = gettext_lazy("Issue a certificate")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not courses_for(request.user):
            return forbidden(request, _("Only administrators and instructors issue certificates."))
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("certificates_admin:index"), "label": _("Certificates")},
            {"url": "", "label": self.page_title},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            action_url=self.request.path, submit_button_label=_("Issue"), submit_button_active_label=_("Issuing…"),
            **kwargs,
        )  # fmt: skip

    def form_valid(self, form):
        try:
            certificate = issue_by_hand(
                form.cleaned_data["course"], form.student, self.request.user, form.cleaned_data["override_reason"]
            )
        except CertificateError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Certificate %(code)s issued to %(student)s.")
            % {"code": certificate.display_code, "student": certificate.holder_name},
        )
        return redirect("certificates_admin:manage", certificate.pk)


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=gettext_lazy("The holder receives it by e-mail."),
    )


class ManageCertificateView(WagtailAdminTemplateMixin, FormView):
    """One certificate: what it says, how it was issued, and "Revoke"."""

    template_name = "certificates/admin/manage.html"
    form_class = RevokeForm
    header_icon = "doc-full"

    def dispatch(self, request, pk):
        self.certificate = get_object_or_404(
            Certificate.objects.select_related("user", "issued_by", "revoked_by"), pk=pk
        )
        course = self.certificate.course
        if not (request.user.is_superuser or (course is not None and may_manage(request.user, course))):
            return forbidden(request, _("Only administrators and the course's instructors manage its certificates."))
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Certificate %(code)s") % {"code": self.certificate.display_code}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("certificates_admin:index"), "label": _("Certificates")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(certificate=self.certificate, **kwargs)

    def form_valid(self, form):
        try:
            revoke(self.certificate, self.request.user, form.cleaned_data["reason"])
        except CertificateError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The certificate is revoked; its holder is told why."))
        return redirect("certificates_admin:manage", self.certificate.pk)


class CertificateViewSet(CourseRecordViewSet):
    model = Certificate
    name = "certificates_admin"
    url_prefix = "certificates/issued"
    icon = "doc-full"
    menu_label = gettext_lazy("Certificates")
    index_view_class = CertificateIndexView
    ordering = ["-issued_at"]
    list_display = [
        CodeColumn("code", label=gettext_lazy("Code"), accessor="display_code"),
        Column("holder_name", label=gettext_lazy("Holder"), sort_key="holder_name"),
        Column("email", label=gettext_lazy("E-mail"), accessor="user.email"),
        Column("title", label=gettext_lazy("Course"), sort_key="title"),
        StatusColumn("status", label=gettext_lazy("Status")),
        DateColumn("issued_at", label=gettext_lazy("Issued"), sort_key="issued_at"),
    ]
    filterset_class = CertificateFilterSet
    search_fields = ["user__email", "holder_name", "code"]
    list_export = [
        "code",
        "holder_name",
        "user.email",
        "title",
        "language",
        "issued_at",
        "revoked_at",
        "override_reason",
    ]
    export_headings = {
        "code": gettext_lazy("Code"),
        "holder_name": gettext_lazy("Holder"),
        "user.email": gettext_lazy("E-mail"),
        "title": gettext_lazy("Course"),
        "language": gettext_lazy("Language"),
        "issued_at": gettext_lazy("Issued"),
        "revoked_at": gettext_lazy("Revoked"),
        "override_reason": gettext_lazy("Override reason"),
    }
    export_filename = "certificates"

    @cached_property
    def add_view(self):
        return self.construct_view(IssueCertificateView)

    @cached_property
    def manage_view(self):
        return ManageCertificateView.as_view()

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("<int:pk>/", self.manage_view, name="manage"),
        ]


class DesignPreviewView(View):
    """A certificate design with a made-up holder, for those who may preview it
    (certificates/template_previews.py); a 403 with the reason for anyone else."""

    def get(self, request, pk):
        from .template_previews import may_preview, preview

        template = CertificateTemplate.objects.filter(pk=pk).first()
        if template is None or not may_preview(request.user, template):
            return forbidden(request, _("You can preview the certificate designs your own courses use only."))
        return preview(template, request, request.GET.get("mode", ""))
