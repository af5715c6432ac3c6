"""Orders, read only (commerce's records as they are)."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound

from commerce.models import Order

from .learners import learner_from


def orders(filters):
    found = Order.objects.select_related("user").prefetch_related("lines").order_by("-created_at", "-pk")
    if "learner" in filters:
        found = found.filter(user=learner_from(filters["learner"]))
    if "status" in filters:
        found = found.filter(status=filters["status"])
    return found


def order(pk):
    found = Order.objects.select_related("user").prefetch_related("lines").filter(pk=pk).first()
    if found is None:
        raise NotFound(_("No order has this id."))
    return found
