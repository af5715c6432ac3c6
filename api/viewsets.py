"""Settings → API keys (administrators only: the ``api`` model permissions, which no group
holds): make a key (its whole value shown once, on the page that follows), change its name,
scopes or expiry, revoke it."""

from django import forms
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from . import keys
from .models import ApiKey, Scope


class ApiKeyForm(WagtailAdminModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What the key may read or do. Give it no more than its job needs."),
    )

    class Meta:
        model = ApiKey
        fields = ["name", "scopes", "expires_at"]

    def clean_expires_at(self):
        expires_at = self.cleaned_data.get("expires_at")
        if expires_at is not None and expires_at <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future, or leave it empty."))
        return expires_at


def key_status(key):
    if key.is_revoked:
        return _("Revoked")
    if key.is_expired:
        return _("Expired")
    return _("Active")


class CreateKeyView(generic.CreateView):
    """The whole key is on the page after "Create", once: only its hash is kept."""

    def save_instance(self):
        data = self.form.cleaned_data
        key, self.whole_key = keys.create_key(
            data["name"], data["scopes"], expires_at=data.get("expires_at"), created_by=self.request.user
        )
        return key

    def save_action(self):
        response = TemplateResponse(
            self.request,
            "api/admin/key_created.html",
            {
                "key": self.object,
                "whole_key": self.whole_key,
                "authorization_header": f"Authorization: Bearer {self.whole_key}",
                "index_url": reverse("api_keys:index"),
                "page_title": _("API key created"),
                "header_icon": "key",
            },
        )
        add_never_cache_headers(response)
        return response


class EditKeyView(generic.EditView):
    template_name = "api/admin/edit_key.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["status"] = key_status(self.object)
        context["revoke_url"] = reverse("api_keys:revoke", args=[self.object.pk])
        return context


class RevokeKeyView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "api/admin/revoke_key.html"
    page_title = _("Revoke API key")
    header_icon = "key"
    permission_policy = None

    def dispatch(self, request, pk):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            from wagtail.admin.auth import permission_denied

            return permission_denied(request)
        self.key = get_object_or_404(ApiKey, pk=pk)
        return super().dispatch(request, pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "key": self.key, "index_url": reverse("api_keys:index")}

    def post(self, request, pk):
        keys.revoke(self.key)
        messages.success(request, _("API key “%(name)s” revoked: it no longer works.") % {"name": self.key.name})
        return redirect("api_keys:index")


class ApiKeyViewSet(ModelViewSet):
    model = ApiKey
    icon = "key"
    menu_label = _("API keys")
    name = "api_keys"
    url_prefix = "api-keys"
    add_to_settings_menu = True
    add_view_class = CreateKeyView
    edit_view_class = EditKeyView
    search_fields = ["name", "prefix"]
    list_display = [
        "name",
        Column("prefix", label=_("Key starts with"), accessor=lambda key: f"aula_{key.prefix}_…"),
        Column("scopes", label=_("Scopes"), accessor=lambda key: ", ".join(key.scopes)),
        Column("status", label=_("Status"), accessor=key_status),
        DateColumn("expires_at", label=_("Expires at")),
        DateColumn("last_used_at", label=_("Last used")),
        DateColumn("created_at", label=_("Created")),
    ]

    def get_form_class(self, for_update=False):
        return ApiKeyForm

    @cached_property
    def revoke_view(self):
        return RevokeKeyView.as_view(permission_policy=self.permission_policy)

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("revoke/<int:pk>/", self.revoke_view, name="revoke")]
