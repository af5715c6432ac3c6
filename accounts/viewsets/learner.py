"""A user's learner page ("learner 360"): their account and roles, with the actions on them
(give or take a role, confirm the address by hand, send the confirmation again), then the
panels other apps contribute (``accounts.learners``: enrollments and progress, orders,
certificates, attempts, messages). For people managers only (``people.may_manage_people``)."""

from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..account_deletion import delete_account
from ..data_export import request_export
from ..exceptions import AccountError
from ..forms import AdminDeleteAccountForm
from ..learners import learner_panels
from ..people import (
    grant_role,
    is_verified,
    may_manage_people,
    resend_verification,
    revoke_role,
    role_choices,
    verify_by_hand,
)
from ..personal_data import DeletionChoices
from ..roles import ROLE_LABELS, role_names


def forbidden(request):
    """A real 403 inside the admin (Wagtail's own refusal would redirect to the dashboard)."""
    context = {
        "header_title": _("Not allowed"),
        "page_title": _("Not allowed"),
        "breadcrumbs_items": [*WagtailAdminTemplateMixin.breadcrumbs_items, {"url": "", "label": _("Not allowed")}],
        "message": _("Only administrators manage people."),
    }
    return TemplateResponse(request, "accounts/admin/forbidden.html", context, status=403)


class PeopleManagersOnly:
    def dispatch(self, request, pk, **kwargs):
        if not may_manage_people(request.user):
            return forbidden(request)
        self.learner = get_object_or_404(get_user_model(), pk=pk)
        return super().dispatch(request, pk, **kwargs)


class LearnerView(PeopleManagersOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "accounts/admin/learner.html"
    header_icon = "user"

    def get_page_title(self):
        return self.learner.get_display_name()

    def get_page_subtitle(self):
        return self.learner.email

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailusers_users:index"), "label": _("Users")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        learner, request = self.learner, self.request
        held = set(learner.groups.values_list("name", flat=True))
        panels = [
            (panel.heading, render_to_string(
                panel.template_name, {**panel.context, "learner": learner}, request=request
            ))
            for panel in learner_panels(request, learner)
        ]  # fmt: skip
        return {
            **super().get_context_data(**kwargs),
            "learner": learner,
            "roles": role_names(learner),
            "held_roles": [(name, ROLE_LABELS[name]) for name, _label in role_choices() if name in held],
            "grantable_roles": [(name, label) for name, label in role_choices() if name not in held],
            "verified": is_verified(learner),
            "panels": panels,
        }


class LearnerActionView(PeopleManagersOnly, View):
    """The account's actions, each a POST (CSRF-checked) that changes everything or nothing."""

    http_method_names = ["post"]
    done = {
        "grant-role": gettext_lazy("%(name)s is now: %(role)s."),
        "revoke-role": gettext_lazy("%(name)s is no longer: %(role)s."),
        "verify": gettext_lazy("The address %(email)s is confirmed: %(name)s may log in."),
        "resend-verification": gettext_lazy("A new confirmation e-mail is on its way to %(email)s."),
        "export-data": gettext_lazy("%(name)s's data is being prepared: the link goes to %(email)s."),
    }

    def post(self, request, pk, action):
        if action not in self.done:
            raise Http404("no such action")
        learner = self.learner
        role = request.POST.get("role", "")
        try:
            changed = self.act(action, learner, role)
        except AccountError as error:
            messages.error(request, error.message)
        else:
            values = {"name": learner.get_display_name(), "email": learner.email, "role": ROLE_LABELS.get(role, "")}
            if changed is False:
                messages.warning(request, _("Nothing changed: %(name)s already had it that way.") % values)
            else:
                messages.success(request, self.done[action] % values)
        return redirect("wagtailusers_users:learner", pk)

    def act(self, action, learner, role):
        if action == "grant-role":
            return grant_role(learner, role)
        if action == "revoke-role":
            return revoke_role(learner, role)
        if action == "verify":
            return verify_by_hand(learner)
        if action == "export-data":
            return request_export(learner, requested_by=self.request.user)
        return resend_verification(self.request, learner)


class LearnerDeleteView(PeopleManagersOnly, WagtailAdminTemplateMixin, TemplateView):
    """Delete an account on its holder's request: a confirmation page (what it erases and
    keeps, the certificates' choice, a box to tick), then the deletion."""

    template_name = "accounts/admin/delete_account.html"
    header_icon = "user"

    def get_page_title(self):
        return _("Delete the account of %(name)s") % {"name": self.learner.get_display_name()}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailusers_users:index"), "label": _("Users")},
            {"url": reverse("wagtailusers_users:learner", args=[self.learner.pk]), "label": str(self.learner)},
            {"url": "", "label": _("Delete the account")},
        ]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "learner": self.learner, "form": self.form}

    def get(self, request, pk):
        self.form = AdminDeleteAccountForm()
        return self.render_to_response(self.get_context_data())

    def post(self, request, pk):
        learner = self.learner
        self.form = AdminDeleteAccountForm(request.POST)
        if not self.form.is_valid():
            return self.render_to_response(self.get_context_data())
        name = learner.get_display_name()
        if learner.pk == request.user.pk:
            messages.error(request, _("Delete your own account from your profile's “Your data” page."))
            return redirect("wagtailusers_users:learner", pk)
        keep = self.form.cleaned_data["certificates"] == "keep"
        try:
            delete_account(learner, DeletionChoices(keep_certificates=keep))
        except AccountError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The account of %(name)s is deleted.") % {"name": name})
        return redirect("wagtailusers_users:learner", pk)
