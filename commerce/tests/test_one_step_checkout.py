"""The cart is the checkout (issue 26): sign up inline and come back to it, confirm the
address from the link and come back to it, pay with the provider in one step, a free order
without one — and the bad input on the way: a coupon gone, a currency changed, a double
click, each told, never charged wrongly, never two orders, never a 500."""

import re
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from commerce.cart import Cart
from commerce.models import Coupon, CouponRedemption, Order, SavedCart
from core.tests.databases import row_locks
from courses.models import Enrollment

from . import factories
from .helpers import add, check_out

pytestmark = pytest.mark.usefixtures("each_request_commits")  # e-mails go after the commit

CART = "/en/cart/"
PASSWORD = "copper-Meadow-81"


def sign_up_from_the_cart(client, email="nia@example.com"):
    return client.post(
        reverse("account_signup"),
        {"display_name": "Nia New", "email": email, "password1": PASSWORD, "password2": PASSWORD, "next": CART},
    )


def confirmation_link():
    link = re.search(r"https?://[^/\s]+(/\S*/accounts/confirm-email/\S+/)", mail.outbox[-1].body)
    return link.group(1)


def pay(client, provider="dev", shown=None, follow=False):
    data = {"provider": provider}
    if shown is not None:
        data["shown_total"] = shown
    return client.post(reverse("commerce:checkout"), data, follow=follow)


def text(response):
    return response.content.decode()


# The way through -----------------------------------------------------------------------


def test_the_cart_offers_sign_up_inline_and_log_in_that_come_back_to_it(client, course_a):
    add(client, course_a)
    html = text(client.get(CART))
    assert f'action="{reverse("account_signup")}"' in html and f'name="next" value="{CART}"' in html
    assert 'name="password2"' in html and 'for="signup-email"' in html
    assert f'href="{reverse("account_login")}?next=/en/cart/"' in html


def test_signing_up_from_the_cart_comes_back_to_it_and_says_where_the_link_went(client, course_a):
    add(client, course_a)
    response = sign_up_from_the_cart(client)
    assert response.status_code == 302 and response["Location"] == CART
    html = text(client.get(CART))
    assert "Confirm your e-mail address to pay: we sent a link to nia@example.com." in html
    assert 'action="/en/accounts/signup/"' not in html
    assert SavedCart.objects.get(user__email="nia@example.com").items == [["course", str(course_a.translation_key)]]


def test_signing_up_without_a_cart_still_shows_allauths_page(client, db):
    response = sign_up_from_the_cart(client)
    assert response["Location"] == reverse("account_email_verification_sent")


def test_the_link_opened_in_the_browser_that_signed_up_confirms_at_once_and_returns_to_the_cart(client, course_a):
    add(client, course_a)
    sign_up_from_the_cart(client)
    response = client.get(confirmation_link())
    assert response.status_code == 302 and response["Location"] == CART
    assert EmailAddress.objects.get(email="nia@example.com").verified
    html = text(client.get(CART))
    assert "Pay with the development provider (no real money)" in html
    assert Cart(client.session).items == [("course", str(course_a.translation_key))]


def test_the_link_opened_anywhere_else_asks_before_confirming(client, course_a):
    """A mail scanner or another browser: allauth's page with its "Confirm" button, as before."""
    add(client, course_a)
    sign_up_from_the_cart(client)
    elsewhere = Client()
    response = elsewhere.get(confirmation_link())
    assert response.status_code == 200 and "Confirm" in text(response)
    assert not EmailAddress.objects.get(email="nia@example.com").verified
    confirmed = elsewhere.post(confirmation_link())
    assert confirmed["Location"] == f"{reverse('account_login')}?next=%2Fen%2Fcart%2F"
    logged_in = elsewhere.post(
        reverse("account_login"), {"login": "nia@example.com", "password": PASSWORD, "next": CART}
    )
    assert logged_in["Location"] == CART
    assert Cart(elsewhere.session).items == [("course", str(course_a.translation_key))]  # kept at sign-up


def test_a_signed_in_buyer_pays_in_one_step_from_the_cart(buyer_client, buyer, course_a):
    add(buyer_client, course_a)
    html = text(buyer_client.get(CART))
    assert 'name="provider" value="dev"' in html and 'name="shown_total" value="USD 49.00"' in html
    response = pay(buyer_client, shown="USD 49.00")
    order = Order.objects.get(user=buyer)
    assert response.status_code == 302 and response["Location"] == reverse("commerce:dev_pay", args=[order.pk])
    assert order.status == Order.Status.PENDING and order.total == Decimal("49.00")


def test_an_unverified_buyer_is_told_where_the_link_went(client, course_a):
    user = factories.UserFactory(verified=False, email="una@example.com")
    client.force_login(user)
    add(client, course_a)
    html = text(client.get(CART))
    assert "Confirm your e-mail address to pay: we sent a link to una@example.com." in html
    assert 'name="provider"' not in html
    pay(client, shown="USD 49.00")
    assert not Order.objects.exists()


def test_a_100_percent_off_order_needs_no_provider_and_a_second_click_changes_nothing(buyer_client, buyer, course_a):
    factories.coupon("ALLFREE", value="100")
    add(buyer_client, course_a)
    buyer_client.post(reverse("commerce:cart_coupon"), {"code": "allfree"})
    assert "Complete my free order" in text(buyer_client.get(CART))
    first = pay(buyer_client, provider="", shown="USD 0.00", follow=True)
    second = pay(buyer_client, provider="", shown="USD 0.00", follow=True)
    order = Order.objects.get(user=buyer)
    assert order.is_paid and order.provider == Order.Provider.FREE
    assert "Your order is complete: you can start learning." in text(first)
    assert second.status_code == 200 and second.redirect_chain[-1][0] == order.get_absolute_url()
    assert Enrollment.objects.filter(user=buyer, course_key=course_a.translation_key).count() == 1
    assert CouponRedemption.objects.count() == 1


# Bad input: a double click -------------------------------------------------------------


def test_a_double_clicked_pay_places_one_order_and_both_clicks_reach_the_provider(buyer_client, buyer, course_a):
    add(buyer_client, course_a)
    first = pay(buyer_client, shown="USD 49.00")
    second = pay(buyer_client, shown="USD 49.00")
    order = Order.objects.get(user=buyer)
    assert first["Location"] == second["Location"] == reverse("commerce:dev_pay", args=[order.pk])


def test_pay_after_the_order_is_paid_shows_the_order_not_a_second_one(buyer_client, buyer, course_a):
    add(buyer_client, course_a)
    pay(buyer_client, shown="USD 49.00")
    order = Order.objects.get(user=buyer)
    buyer_client.post(reverse("commerce:dev_pay", args=[order.pk]), {"decision": "pay"})
    again = pay(buyer_client, shown="USD 49.00")
    assert again["Location"] == order.get_absolute_url()
    assert Order.objects.count() == 1


def test_pay_with_an_empty_cart_and_nothing_placed_says_so(buyer_client):
    response = pay(buyer_client, shown="USD 49.00", follow=True)
    assert response.status_code == 200 and "Your cart is empty." in text(response)


def test_pay_with_a_provider_that_is_off_keeps_the_order_on_its_payment_page(buyer_client, buyer, course_a):
    add(buyer_client, course_a)
    response = pay(buyer_client, provider="bitcoin", shown="USD 49.00", follow=True)
    order = Order.objects.get(user=buyer)
    assert response.redirect_chain[-1][0] == reverse("commerce:pay", args=[order.pk])
    assert "This payment method is not available." in text(response)


# Bad input: a coupon gone between the cart and the payment -----------------------------


@pytest.mark.parametrize("how", ["deleted", "expired", "switched off", "used up"])
def test_a_coupon_gone_before_pay_is_told_and_the_total_recomputed(buyer_client, buyer, course_a, how):
    coupon = factories.coupon("WELCOME10", max_redemptions=1)
    add(buyer_client, course_a)
    buyer_client.post(reverse("commerce:cart_coupon"), {"code": "WELCOME10"})
    assert 'value="USD 44.10"' in text(buyer_client.get(CART))
    take_away(coupon, how)
    response = pay(buyer_client, shown="USD 44.10", follow=True)
    html = text(response)
    assert response.status_code == 200 and response.redirect_chain[-1][0] == CART
    assert "Nothing was charged: check your new total and pay." in html
    assert response.context["quote"].total == Decimal("49.00") and 'value="USD 49.00"' in html
    assert not Order.objects.filter(user=buyer).exists()


@pytest.mark.parametrize("how", ["deleted", "expired", "switched off", "used up"])
def test_a_coupon_gone_while_the_order_waits_for_payment_cancels_it_and_reprices_the_cart(
    buyer_client, buyer, course_a, how
):
    coupon = factories.coupon("WELCOME10", max_redemptions=1)
    _response, order = check_out(buyer_client, course_a, coupon="WELCOME10")
    assert order.total == Decimal("44.10")
    take_away(coupon, how)
    response = buyer_client.post(reverse("commerce:pay", args=[order.pk]), {"provider": "dev"}, follow=True)
    order.refresh_from_db()
    assert response.status_code == 200 and response.redirect_chain[-1][0] == CART
    assert order.status == Order.Status.CANCELED
    assert "Your order was canceled and nothing was charged" in text(response)
    assert response.context["quote"].total == Decimal("49.00")


def take_away(coupon, how):
    if how == "deleted":
        coupon.delete()
    elif how == "expired":
        Coupon.objects.filter(pk=coupon.pk).update(valid_until=timezone.now() - timezone.timedelta(minutes=1))
    elif how == "switched off":
        Coupon.objects.filter(pk=coupon.pk).update(active=False)
    else:
        other = factories.buyer(email="other@example.com")
        other_order = Order.objects.create(user=other, currency="USD", subtotal=1, total=1)
        CouponRedemption.objects.create(coupon=coupon, order=other_order, user=other)


# Bad input: the site's currency changed between the cart and the payment ----------------


def test_a_currency_changed_before_pay_is_told_and_never_charged_in_the_old_one(
    buyer_client, buyer, course_a, settings
):
    add(buyer_client, course_a)
    assert 'value="USD 49.00"' in text(buyer_client.get(CART))
    settings.AULA_CURRENCY = "EUR"
    response = pay(buyer_client, shown="USD 49.00", follow=True)
    assert "Prices are now in EUR: nothing was charged." in text(response)
    assert response.redirect_chain[-1][0] == CART and response.context["quote"].currency == "EUR"
    assert not Order.objects.exists()


def test_a_currency_changed_while_the_order_waits_cancels_it(buyer_client, buyer, course_a, settings):
    _response, order = check_out(buyer_client, course_a)
    assert order.currency == "USD"
    settings.AULA_CURRENCY = "EUR"
    page = buyer_client.get(reverse("commerce:pay", args=[order.pk]), follow=True)
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELED
    assert "Prices are now in EUR: your order in USD was canceled and nothing was charged." in text(page)
    assert page.context["quote"].currency == "EUR"
    again = pay(buyer_client, shown="EUR 49.00")
    new = Order.objects.get(status=Order.Status.PENDING)
    assert new.currency == "EUR" and again["Location"] == reverse("commerce:dev_pay", args=[new.pk])


@pytest.mark.parametrize("shown", ["USD 1.00", "EUR 49.00", "<script>", "x" * 5000])
def test_a_tampered_shown_total_charges_nothing_and_is_never_a_500(buyer_client, course_a, shown):
    add(buyer_client, course_a)
    response = pay(buyer_client, shown=shown, follow=True)
    assert response.status_code == 200 and response.redirect_chain[-1][0] == CART
    assert not Order.objects.exists()


def test_an_order_canceled_before_payment_is_abandoned_at_its_provider(
    buyer_client, buyer, course_a, settings, monkeypatch
):
    from commerce import gateways

    abandoned = []
    monkeypatch.setattr(gateways, "abandon", abandoned.append)
    _response, order = check_out(buyer_client, course_a)
    settings.AULA_CURRENCY = "EUR"
    buyer_client.post(reverse("commerce:pay", args=[order.pk]), {"provider": "dev"})  # commits as it ends
    assert [canceled.pk for canceled in abandoned] == [order.pk]


@row_locks
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_double_click_whose_two_requests_arrive_together_places_one_order():
    """The same browser (one session) sends "Pay" twice at the same moment: the per-buyer
    lock of ``checkout.place_order`` lets one create the order, the other finds it."""
    from courses.tests.factories import catalog

    from .test_concurrency import run_together

    catalog()
    course = factories.paid_course("Race course", "40.00")
    buyer = factories.buyer(email="double@example.org")
    first = Client()
    first.force_login(buyer)
    add(first, course)
    second = Client()
    second.cookies = first.cookies
    clicks = [first, second]
    data = {"provider": "dev", "shown_total": "USD 40.00"}
    responses = run_together(2, lambda index: clicks[index].post(reverse("commerce:checkout"), data))
    order = Order.objects.get(user=buyer)
    assert {response.status_code for response in responses} == {302}
    assert {response["Location"] for response in responses} == {reverse("commerce:dev_pay", args=[order.pk])}


# Billing details in the cart's Pay form -----------------------------------------------


def test_billing_details_given_in_the_cart_are_on_the_order(buyer_client, buyer, course_a):
    add(buyer_client, course_a)
    assert 'name="billing-billing_name"' in text(buyer_client.get(CART))
    data = {"provider": "dev", "billing-billing_name": "Bea's Studio", "billing-billing_country": "ES"}
    data["billing-billing_address"] = "Calle Mayor 1, Madrid"
    buyer_client.post(reverse("commerce:checkout"), data)
    order = Order.objects.get(user=buyer)
    assert (order.billing_name, order.billing_country) == ("Bea's Studio", "ES")


def test_billing_details_refused_in_the_cart_place_no_order_and_say_why(buyer_client, buyer, course_a):
    add(buyer_client, course_a)
    data = {"provider": "dev", "billing-billing_country": "ES", "billing-billing_tax_id": "ES123"}
    response = buyer_client.post(reverse("commerce:checkout"), data, follow=True)
    assert response.status_code == 200
    assert not Order.objects.filter(user=buyer).exists()
    assert "Tax ID" in text(response)
