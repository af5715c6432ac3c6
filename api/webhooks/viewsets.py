"""Settings → Webhooks (endpoints) and Settings → Webhook deliveries in the Wagtail admin;
superusers only.

An endpoint's page (its inspect view) shows the signing secret, the buttons "Rotate
secret" and "Send test event", and its latest deliveries; a delivery's page shows its
payload, every attempt (time, status, duration, the answer's excerpt) and "Replay"."""

import json

from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from courses.viewsets.shared import forbidden

from . import events
from .exceptions import WebhookError
from .forms import EndpointForm
from .models import Delivery, Endpoint
from .publishing import send_test_event
from .sending import replay
from .signing import rotate_secret

ONLY_ADMINISTRATORS = _("Only administrators manage webhooks.")


class AdministratorsOnlyPolicy(ModelPermissionPolicy):
    """Webhooks send learners' and orders' data elsewhere: superusers only. ``refused``
    actions nobody may take (deliveries are written by Aula, never by hand)."""

    refused = set()

    def user_has_permission(self, user, action):
        return bool(user.is_active and user.is_superuser) and action not in self.refused

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ReadOnlyDeliveryPolicy(AdministratorsOnlyPolicy):
    refused = {"add", "change"}


register_permission_policy(Endpoint, AdministratorsOnlyPolicy(Endpoint), exact_class=True)
register_permission_policy(Delivery, ReadOnlyDeliveryPolicy(Delivery), exact_class=True)


def event_labels(endpoint):
    labels = dict(events.CHOICES)
    return ", ".join(str(labels.get(name, name)) for name in endpoint.events) or "—"


class EndpointCreateView(generic.CreateView):
    def get_success_url(self):
        return reverse("webhook_endpoints:inspect", args=[self.object.pk])  # where its secret is shown

    def get_success_message(self, instance):
        return _("Webhook endpoint created. Copy its signing secret below into the receiver.")


class EndpointInspectView(generic.InspectView):
    template_name = "webhooks/admin/endpoint.html"

    def get_page_title(self):
        return _("Webhook endpoint")

    def get_active_display_value(self):
        return _("yes") if self.object.active else _("no")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            endpoint=self.object,
            event_labels=event_labels(self.object),
            previous_until=until if (until := self.object.previous_secret_until) and until > timezone.now() else None,
            deliveries=self.object.deliveries.order_by("-created_at", "-pk")[:50],
            deliveries_url=reverse("webhook_deliveries:index") + f"?endpoint={self.object.pk}",
        )
        return context


class EndpointEditView(generic.EditView):
    @cached_property
    def header_buttons(self):
        url = reverse("webhook_endpoints:inspect", args=[self.object.pk])
        return [*super().header_buttons, HeaderButton(_("Secret and deliveries"), url=url, icon_name="view")]


class AdministratorAction(View):
    """A POST button of the webhooks admin: superusers only, checked on every request."""

    http_method_names = ["post"]
    model = Endpoint

    def dispatch(self, request, pk):
        if not (request.user.is_active and request.user.is_superuser):
            return forbidden(request, ONLY_ADMINISTRATORS)
        self.object = get_object_or_404(self.model, pk=pk)
        return super().dispatch(request, pk)


class RotateSecretView(AdministratorAction):
    def post(self, request, pk):
        rotate_secret(self.object)
        messages.success(
            request,
            _(
                "A new signing secret was made. Deliveries are also signed with the previous one for 24 hours: "
                "put the new one into the receiver before then."
            ),
        )
        return redirect("webhook_endpoints:inspect", pk)


class SendTestEventView(AdministratorAction):
    def post(self, request, pk):
        if not self.object.active:
            messages.error(request, _("This endpoint is inactive: make it active before sending it a test event."))
        else:
            delivery = send_test_event(self.object)
            messages.success(
                request,
                _("A test event is on its way; its result appears below in a moment."),
                buttons=[messages.button(reverse("webhook_deliveries:inspect", args=[delivery.pk]), _("Open"))],
            )
        return redirect("webhook_endpoints:inspect", pk)


class ReplayView(AdministratorAction):
    model = Delivery

    def post(self, request, pk):
        try:
            replay(self.object)
        except WebhookError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("A new attempt, freshly signed, is on its way; its result appears below in a moment.")
            )
        return redirect("webhook_deliveries:inspect", pk)


class EndpointViewSet(ModelViewSet):
    model = Endpoint
    icon = "link"
    menu_label = _("Webhooks")
    add_to_settings_menu = True
    menu_order = 900
    url_prefix = "webhooks/endpoints"
    name = "webhook_endpoints"
    copy_view_enabled = False
    inspect_view_enabled = True
    search_backend_name = None
    add_view_class = EndpointCreateView
    edit_view_class = EndpointEditView
    inspect_view_class = EndpointInspectView
    inspect_view_fields = ["url", "description", "active", "created_at"]
    edit_handler = ObjectList(
        [FieldPanel("url"), FieldPanel("events"), FieldPanel("description"), FieldPanel("active")],
        base_form_class=EndpointForm,
    )
    list_display = [
        TitleColumn("url", label=_("URL"), url_name="webhook_endpoints:inspect"),
        Column("description", label=_("Description")),
        Column("events", label=_("Events"), accessor=event_labels),
        Column("active", label=_("Active"), accessor=lambda e: _("yes") if e.active else _("no")),
        DateColumn("created_at", label=_("Created"), sort_key="created_at"),
    ]

    @cached_property
    def rotate_secret_view(self):
        return RotateSecretView.as_view()

    @cached_property
    def send_test_event_view(self):
        return SendTestEventView.as_view()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/rotate-secret/", self.rotate_secret_view, name="rotate_secret"),
            path("<int:pk>/send-test-event/", self.send_test_event_view, name="send_test_event"),
        ]


class DeliveryInspectView(generic.InspectView):
    template_name = "webhooks/admin/delivery.html"

    def get_object(self, queryset=None):
        return get_object_or_404(Delivery.objects.select_related("endpoint"), pk=self.pk)

    def get_page_title(self):
        return _("Webhook delivery")

    def get_next_attempt_at_display_value(self):
        return self.object.next_attempt_at or "—"

    def get_last_attempt_at_display_value(self):
        return self.object.last_attempt_at or "—"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        payload_json = json.dumps(self.object.payload, indent=2, sort_keys=True)
        attempts = self.object.attempts.order_by("number")
        return {**context, "delivery": self.object, "attempts": attempts, "payload_json": payload_json}


class DeliveryIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("endpoint")


class DeliveryViewSet(ModelViewSet):
    model = Delivery
    icon = "list-ul"
    menu_label = _("Webhook deliveries")
    add_to_settings_menu = True
    menu_order = 901
    url_prefix = "webhooks/deliveries"
    name = "webhook_deliveries"
    copy_view_enabled = False
    inspect_view_enabled = True
    search_backend_name = None
    index_view_class = DeliveryIndexView
    inspect_view_class = DeliveryInspectView
    inspect_view_fields = [
        "endpoint", "event_type", "event_id", "status", "attempt_count", "created_at", "last_attempt_at",
        "next_attempt_at",
    ]  # fmt: skip
    exclude_form_fields = []  # never used: the policy refuses add and change
    list_display = [
        TitleColumn("event_type", label=_("Event"), url_name="webhook_deliveries:inspect"),
        Column("endpoint", label=_("Endpoint"), accessor="endpoint.url"),
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor="get_status_display",
            sort_key="status",
            primary=lambda d: d.status == Delivery.Status.SUCCEEDED,
        ),  # fmt: skip
        Column("attempt_count", label=_("Attempts"), sort_key="attempt_count"),
        DateColumn("created_at", label=_("Created"), sort_key="created_at"),
        DateColumn("next_attempt_at", label=_("Next attempt"), sort_key="next_attempt_at"),
    ]
    list_filter = {"status": ["exact"], "event_type": ["exact"], "endpoint": ["exact"]}
    search_fields = ["event_type"]

    @cached_property
    def replay_view(self):
        return ReplayView.as_view()

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("<int:pk>/replay/", self.replay_view, name="replay")]
