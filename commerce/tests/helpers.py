from django.urls import reverse

from commerce.models import Order


def add(client, page, kind="course"):
    return client.post(reverse("commerce:cart_add"), {"kind": kind, "page": page.pk}, follow=True)


def check_out(client, *pages, coupon=""):
    """Fill the cart with ``pages`` (courses; ProgramPages as programs), apply ``coupon`` and
    check out; returns the response and the order it made (or None)."""
    from commerce.models import ProgramPage

    before = set(Order.objects.values_list("pk", flat=True))
    for page in pages:
        add(client, page, "program" if isinstance(page, ProgramPage) else "course")
    if coupon:
        client.post(reverse("commerce:cart_coupon"), {"code": coupon})
    response = client.post(reverse("commerce:checkout"), follow=True)
    return response, Order.objects.exclude(pk__in=before).first()


def dev_pay(client, order, decision="pay"):
    return client.post(reverse("commerce:dev_pay", args=[order.pk]), {"decision": decision}, follow=True)
