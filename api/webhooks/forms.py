"""The endpoint form in the admin: a URL Aula may call (``destinations.check_url``: a form
error, nothing saved, for a private address in production), and at least one event."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from . import events
from .destinations import check_url
from .exceptions import RefusedDestination


class EndpointForm(WagtailAdminModelForm):
    events = forms.MultipleChoiceField(
        label=_("Events"), choices=events.CHOICES, widget=forms.CheckboxSelectMultiple,
        help_text=_("What this URL receives. Each event is sent once per endpoint, signed with its secret."),
        error_messages={"required": _("Choose at least one event.")},
    )  # fmt: skip

    def clean_url(self):
        url = (self.cleaned_data.get("url") or "").strip()
        try:
            check_url(url)
        except RefusedDestination as refused:
            raise forms.ValidationError(refused.message) from None
        return url
