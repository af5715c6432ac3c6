"""Provider webhooks: outside i18n_patterns (no language prefix, no redirects)."""

from django.urls import path

from . import views

urlpatterns = [
    path("stripe/", views.stripe_webhook, name="stripe_webhook"),
    path("paypal/", views.paypal_webhook, name="paypal_webhook"),
]
