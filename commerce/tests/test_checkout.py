from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import UserFactory
from commerce.models import Order, OrderEnrollment
from courses.learning.enrollment import Source, enroll
from courses.learning.progress import mark_complete
from courses.models import Completion, Enrollment, ResourcePage

from . import factories
from .helpers import add, check_out, dev_pay

# The two paid courses and the buyer are built once for this module (commerce/tests/conftest.py).
pytestmark = pytest.mark.usefixtures("shop_built_once")


def settings_url():
    from django.conf import settings

    return settings.SITE_URL


def enrollment(user, course):
    return Enrollment.objects.filter(user=user, course_key=course.translation_key).first()


def test_checkout_needs_a_signed_in_user(client, course_a):
    add(client, course_a)
    response = client.post(reverse("commerce:checkout"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Order.objects.exists()


def test_an_unverified_email_cannot_check_out(client, course_a):
    user = UserFactory(verified=False)
    client.force_login(user)
    response, order = check_out(client, course_a)
    assert order is None
    assert "Verify your e-mail address before buying" in response.content.decode()


def test_the_dev_provider_buys_a_course_and_e_mails_a_receipt(
    buyer_client, buyer, course_a, django_capture_on_commit_callbacks
):
    response, order = check_out(buyer_client, course_a)
    assert order.status == Order.Status.PENDING and order.total == Decimal("49.00")
    assert "development provider" in response.content.decode()
    page = buyer_client.get(reverse("commerce:dev_pay", args=[order.pk]))
    assert "this is not a real payment" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = dev_pay(buyer_client, order)
    order.refresh_from_db()
    assert order.status == Order.Status.PAID and order.provider == Order.Provider.DEV
    assert enrollment(buyer, course_a).source == Source.PURCHASE
    assert "Receipt for order" in response.content.decode()
    assert "this order was not really paid" in response.content.decode()
    assert len(mail.outbox) == 1 and order.number in mail.outbox[0].subject
    assert mail.outbox[0].attachments[0][2] == "application/pdf"
    assert order.invoices.get(kind="invoice").pdf  # the receipt is the order's invoice
    assert buyer_client.get(reverse("commerce:cart")).context["quote"].lines == []


def test_the_receipt_is_e_mailed_in_the_buyers_language(client, buyer, course_a, django_capture_on_commit_callbacks):
    client.force_login(buyer)
    client.post("/es/cart/add/", {"kind": "course", "page": course_a.pk})
    client.post("/es/checkout/")
    order = Order.objects.get()
    assert order.language == "es"
    with django_capture_on_commit_callbacks(execute=True):
        dev_pay(client, order)
    assert f"{settings_url()}/es/orders/{order.pk}/" in mail.outbox[0].body
    assert "49,00" in mail.outbox[0].body  # amounts in the buyer's number format


def test_a_declined_dev_payment_fails_the_order_and_gives_nothing(buyer_client, buyer, course_a):
    _response, order = check_out(buyer_client, course_a)
    response = dev_pay(buyer_client, order, "decline")
    order.refresh_from_db()
    assert order.status == Order.Status.FAILED
    assert enrollment(buyer, course_a) is None
    assert "The payment was declined." in response.content.decode()


def test_paying_twice_changes_nothing(buyer_client, buyer, course_a, django_capture_on_commit_callbacks):
    _response, order = check_out(buyer_client, course_a)
    with django_capture_on_commit_callbacks(execute=True):
        dev_pay(buyer_client, order)
    response = buyer_client.post(reverse("commerce:dev_pay", args=[order.pk]), {"decision": "pay"})
    assert response.status_code == 404
    assert Enrollment.objects.filter(user=buyer).count() == 1
    assert len(mail.outbox) == 1


def test_the_dev_provider_exists_only_with_the_dev_setting(buyer_client, course_a, settings):
    settings.AULA_DEV_PAYMENTS = False
    settings.STRIPE_SECRET_KEY = settings.PAYPAL_CLIENT_ID = ""
    response, order = check_out(buyer_client, course_a)
    assert "Online payment is not available on this site yet" in response.content.decode()
    assert buyer_client.get(reverse("commerce:dev_pay", args=[order.pk])).status_code == 404
    response = buyer_client.post(reverse("commerce:pay", args=[order.pk]), {"provider": "dev"}, follow=True)
    assert "This payment method is not available." in response.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING


def test_another_users_order_is_not_found(client, buyer_client, course_a):
    _response, order = check_out(buyer_client, course_a)
    client.force_login(factories.buyer())
    assert client.get(reverse("commerce:dev_pay", args=[order.pk])).status_code == 404
    assert client.get(reverse("commerce:order", args=[order.pk])).status_code == 404
    assert client.get(reverse("commerce:pay", args=[order.pk])).status_code == 404


def test_a_program_purchase_enrolls_in_all_its_courses(buyer_client, buyer, bundle, course_a, course_b):
    _response, order = check_out(buyer_client, bundle)
    assert order.total == Decimal("60.00")
    dev_pay(buyer_client, order)
    assert enrollment(buyer, course_a).source == Source.PROGRAM
    assert enrollment(buyer, course_b).source == Source.PROGRAM


def test_an_audit_upgrades_in_place_and_keeps_its_progress(buyer_client, buyer):
    course = factories.paid_course("Auditable", "20.00", audit_allowed=True)
    audit, _created = enroll(buyer, course, Source.AUDIT)
    resource = ResourcePage.objects.descendant_of(course).live().first()
    mark_complete(buyer, resource)
    _response, order = check_out(buyer_client, course)
    dev_pay(buyer_client, order)
    upgraded = enrollment(buyer, course)
    assert upgraded.pk == audit.pk and upgraded.source == Source.PURCHASE
    assert Completion.objects.filter(user=buyer, course_key=course.translation_key).count() == 1
    assert OrderEnrollment.objects.get(order=order).created is False


def test_a_fully_discounted_order_completes_without_a_provider(buyer_client, buyer, course_a):
    factories.coupon("FREE", value="100")
    response, order = check_out(buyer_client, course_a, coupon="free")
    order.refresh_from_db()
    assert order.total == Decimal("0.00") and order.status == Order.Status.PAID
    assert order.provider == Order.Provider.FREE
    assert enrollment(buyer, course_a).source == Source.PURCHASE
    assert "Your order is complete" in response.content.decode()


def test_a_fully_discounted_order_still_needs_a_verified_email(client, course_a):
    factories.coupon("FREE", value="100")
    user = UserFactory(verified=False)
    client.force_login(user)
    _response, order = check_out(client, course_a, coupon="FREE")
    assert order is None
    assert enrollment(user, course_a) is None


def test_an_item_unpublished_before_checkout_stops_it_with_a_message(buyer_client, course_a, course_b):
    add(buyer_client, course_a)
    add(buyer_client, course_b)
    course_b.unpublish()
    response = buyer_client.post(reverse("commerce:checkout"), follow=True)
    assert "no longer for sale" in response.content.decode()
    assert not Order.objects.exists()


def test_an_empty_cart_cannot_check_out(buyer_client):
    response = buyer_client.post(reverse("commerce:checkout"), follow=True)
    assert "Your cart is empty." in response.content.decode()


def test_the_receipt_is_for_the_buyer_and_staff_only(client, buyer_client, course_a, admin_user):
    _response, order = check_out(buyer_client, course_a)
    dev_pay(buyer_client, order)
    pdf = buyer_client.get(reverse("commerce:receipt_pdf", args=[order.pk]), follow=True)  # to the invoice
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    client.force_login(factories.buyer())
    assert client.get(reverse("commerce:receipt_pdf", args=[order.pk])).status_code == 404
    client.force_login(admin_user)
    assert client.get(reverse("commerce:order", args=[order.pk])).status_code == 200


@pytest.mark.parametrize("shared", [False, True], ids=["database", "personal cache"])
def test_my_orders_on_the_dashboard_follow_payment_and_refund(buyer_client, course_a, shared, request):
    if shared:  # as in production: the panel reads the buyer's personal cache
        request.getfixturevalue("shared_cache")
    assert "My orders" not in buyer_client.get(reverse("dashboard")).content.decode()
    _response, order = check_out(buyer_client, course_a)
    assert "My orders" not in buyer_client.get(reverse("dashboard")).content.decode()  # pending
    dev_pay(buyer_client, order)
    text = buyer_client.get(reverse("dashboard")).content.decode()
    assert "My orders" in text and order.number in text and "<td>Paid</td>" in text
    from commerce.refunds import refund_order

    refund_order(Order.objects.get(pk=order.pk))
    assert "<td>Refunded</td>" in buyer_client.get(reverse("dashboard")).content.decode()


@pytest.mark.parametrize("provider", ["", "bitcoin", "free"])
def test_an_unknown_provider_is_refused(buyer_client, course_a, provider):
    _response, order = check_out(buyer_client, course_a)
    response = buyer_client.post(reverse("commerce:pay", args=[order.pk]), {"provider": provider}, follow=True)
    assert "This payment method is not available." in response.content.decode()


def test_tampered_amounts_at_checkout_and_payment_change_nothing(buyer_client, buyer, course_a):
    add(buyer_client, course_a)
    tampered = {"total": "0", "amount": "0.01", "price": "0.01", "quantity": "9", "currency": "JPY"}
    buyer_client.post(reverse("commerce:checkout"), tampered)
    order = Order.objects.get()
    assert (order.total, order.currency, order.lines.count()) == (Decimal("49.00"), "USD", 1)
    buyer_client.post(reverse("commerce:dev_pay", args=[order.pk]), {"decision": "pay", **tampered})
    order.refresh_from_db()
    assert order.is_paid and order.total == Decimal("49.00")
    assert enrollment(buyer, course_a) is not None


def test_the_per_buyer_maximum_holds_for_orders_placed_before_either_was_paid(buyer_client, buyer, course_a, course_b):
    """Two carts checked out with the same once-per-buyer coupon: only the first payment uses it."""
    coupon = factories.coupon("ONCE-EACH", max_per_user=1)
    _response, first = check_out(buyer_client, course_a, coupon="ONCE-EACH")
    _response, second = check_out(buyer_client, course_b, coupon="ONCE-EACH")
    assert first.coupon == second.coupon == coupon
    dev_pay(buyer_client, first)
    response = dev_pay(buyer_client, second)
    second.refresh_from_db()
    assert second.status == Order.Status.FAILED
    assert "You have already used this coupon" in response.content.decode()
    assert coupon.redemptions.count() == 1
    assert enrollment(buyer, course_b) is None


def test_the_receipt_follows_the_language_the_buyer_chose_for_e_mails(
    client, buyer, course_a, django_capture_on_commit_callbacks
):
    buyer.language = "fr"
    buyer.save()
    client.force_login(buyer)
    _response, order = check_out(client, course_a)
    assert order.language == "en"
    with django_capture_on_commit_callbacks(execute=True):
        dev_pay(client, order)
    assert f"/fr/orders/{order.pk}/" in mail.outbox[0].body
    assert "49,00" in mail.outbox[0].body


def test_a_receipt_is_in_the_currency_of_its_order(buyer_client, course_a, settings):
    _response, order = check_out(buyer_client, course_a)
    dev_pay(buyer_client, order)
    settings.AULA_CURRENCY = "EUR"  # the site changed currency since
    text = buyer_client.get(reverse("commerce:order", args=[order.pk])).content.decode()
    assert "$49.00" in text and "€" not in text
