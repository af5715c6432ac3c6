"""Settings → Webhooks and Settings → Webhook deliveries (``viewsets.py``), superusers only."""

from wagtail import hooks


@hooks.register("register_admin_viewset")
def register_webhook_viewsets():
    from .viewsets import DeliveryViewSet, EndpointViewSet

    return [EndpointViewSet(), DeliveryViewSet()]
