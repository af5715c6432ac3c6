from decimal import Decimal

import pytest
from django.urls import reverse

from commerce.cart import SESSION_KEY
from commerce.models import SavedCart
from courses.learning.enrollment import Source, enroll
from courses.tests.factories import publish

from . import factories

# The two paid courses and the buyer are built once for this module (commerce/tests/conftest.py).
pytestmark = pytest.mark.usefixtures("shop_built_once")


def add(client, page, kind="course", **extra):
    return client.post(reverse("commerce:cart_add"), {"kind": kind, "page": page.pk, **extra}, follow=True)


def cart_total(client):
    return client.get(reverse("commerce:cart")).context["quote"].total


def test_a_course_added_shows_in_the_cart_with_its_price(buyer_client, course_a):
    response = add(buyer_client, course_a)
    assert "“Data course” is in your cart." in response.content.decode()
    page = buyer_client.get(reverse("commerce:cart"))
    assert page.status_code == 200
    assert "$49.00" in page.content.decode()
    assert page["Cache-Control"] == "private, no-store" or "no-store" in page["Cache-Control"]


def test_prices_are_formatted_for_the_visitors_language(client, course_a):
    add(client, course_a)
    response = client.get("/es/cart/")
    assert "49,00\xa0US$" in response.content.decode()


def test_tampered_prices_and_quantities_in_the_form_change_nothing(buyer_client, course_a):
    add(buyer_client, course_a, price="0.01", quantity="5", amount="0", total="0")
    assert cart_total(buyer_client) == Decimal("49.00")
    assert buyer_client.session[SESSION_KEY]["items"] == [["course", str(course_a.translation_key)]]


def test_a_free_course_is_refused_with_a_message(buyer_client, free_course):
    response = add(buyer_client, free_course)
    assert "is free: enroll from its page" in response.content.decode()
    assert not buyer_client.session.get(SESSION_KEY, {}).get("items")


def test_a_course_already_owned_is_refused(buyer_client, buyer, course_a):
    enroll(buyer, course_a, Source.PURCHASE)
    response = add(buyer_client, course_a)
    assert "You already own “Data course”." in response.content.decode()


def test_an_audited_course_may_be_bought_to_upgrade(buyer_client, buyer):
    course = factories.paid_course("Auditable", "20.00", audit_allowed=True)
    enroll(buyer, course, Source.AUDIT)
    add(buyer_client, course)
    assert cart_total(buyer_client) == Decimal("20.00")


def test_the_same_course_twice_is_refused(buyer_client, course_a):
    add(buyer_client, course_a)
    response = add(buyer_client, course_a)
    assert "already in your cart" in response.content.decode()


def test_unknown_or_bad_ids_are_refused_without_a_500(buyer_client, course_a):
    for data in (
        {"kind": "course", "page": "999999"},
        {"kind": "course", "page": "abc"},
        {"kind": "spaceship", "page": course_a.pk},
        {},
    ):
        response = buyer_client.post(reverse("commerce:cart_add"), data, follow=True)
        assert response.status_code == 200
        assert "This item is not for sale." in response.content.decode()


def test_a_program_whose_courses_one_owns_all_of_is_refused(buyer_client, buyer, bundle, course_a, course_b):
    enroll(buyer, course_a, Source.PURCHASE)
    enroll(buyer, course_b, Source.PURCHASE)
    response = add(buyer_client, bundle, kind="program")
    assert "You already own every course of “Data and design”." in response.content.decode()


def test_a_program_with_an_owned_course_costs_its_share_of_the_bundle(buyer_client, buyer, bundle, course_a):
    """The documented rule: bundle × (unowned list prices / all list prices) = 60 × 30/79."""
    enroll(buyer, course_a, Source.PURCHASE)
    add(buyer_client, bundle, kind="program")
    assert cart_total(buyer_client) == Decimal("22.78")


def test_adding_a_program_takes_its_courses_out_of_the_cart(buyer_client, bundle, course_a):
    add(buyer_client, course_a)
    add(buyer_client, bundle, kind="program")
    assert cart_total(buyer_client) == Decimal("60.00")
    response = add(buyer_client, course_a)
    assert "is part of a program in your cart" in response.content.decode()


def test_an_item_withdrawn_from_sale_leaves_the_cart_with_a_message(buyer_client, course_a, course_b):
    add(buyer_client, course_a)
    add(buyer_client, course_b)
    course_b.unpublish()
    course_a.price = Decimal("0")
    publish(course_a)
    response = buyer_client.get(reverse("commerce:cart"))
    text = response.content.decode()
    assert "no longer for sale" in text
    assert "“Data course” was removed from your cart" in text
    assert response.context["quote"].lines == []


def test_removing_an_item(buyer_client, course_a, course_b):
    add(buyer_client, course_a)
    add(buyer_client, course_b)
    buyer_client.post(reverse("commerce:cart_remove"), {"key": str(course_a.translation_key)})
    assert cart_total(buyer_client) == Decimal("30.00")


def test_the_anonymous_cart_merges_into_the_users_at_login(client, buyer, course_a, course_b):
    from accounts.tests.factories import PASSWORD

    SavedCart.objects.create(user=buyer, items=[["course", str(course_b.translation_key)]])
    add(client, course_a)
    response = client.post(reverse("account_login"), {"login": buyer.email, "password": PASSWORD})
    assert response.status_code == 302
    keys = {key for _kind, key in client.session[SESSION_KEY]["items"]}
    assert keys == {str(course_a.translation_key), str(course_b.translation_key)}
    assert cart_total(client) == Decimal("79.00")


def test_the_users_cart_is_kept_at_logout(buyer_client, buyer, course_a):
    add(buyer_client, course_a)
    buyer_client.post(reverse("account_logout"))
    assert SavedCart.objects.get(user=buyer).items == [["course", str(course_a.translation_key)]]


def test_a_merged_cart_drops_what_the_user_owns(client, buyer, course_a):
    from accounts.tests.factories import PASSWORD

    enroll(buyer, course_a, Source.PURCHASE)
    add(client, course_a)
    client.post(reverse("account_login"), {"login": buyer.email, "password": PASSWORD})
    assert client.session[SESSION_KEY]["items"] == []


def test_the_course_page_offers_buy_now_and_add_to_cart(client, buyer, course_a):
    client.force_login(buyer)
    text = client.get(course_a.url).content.decode()
    assert "Buy now" in text and "Add to cart" in text
    enroll(buyer, course_a, Source.PURCHASE)
    text = client.get(course_a.url).content.decode()
    assert "Buy now" not in text


def test_the_refusal_page_of_a_paid_resource_offers_to_buy(buyer_client, course_a):
    from courses.models import ResourcePage

    resource = ResourcePage.objects.descendant_of(course_a).filter(free_preview=False).first()
    response = buyer_client.get(resource.url)
    assert response.status_code == 403
    assert "Buy now" in response.content.decode()


def test_a_translations_own_price_row_changes_nothing_in_the_cart(client, buyer, course_a, locales):
    """The price is the course's as authored: a French row made cheaper by code is not what one pays."""
    from wagtail.models import Locale

    from courses.models import CoursePage

    french = course_a.copy_for_translation(Locale.objects.get(language_code="fr"), copy_parents=True)
    french.save_revision().publish()
    CoursePage.objects.filter(pk=french.pk).update(price=Decimal("1.00"))
    client.force_login(buyer)
    client.post("/fr/cart/add/", {"kind": "course", "page": french.pk})
    response = client.get("/fr/cart/")
    assert response.context["quote"].total == Decimal("49.00")
    assert "49,00" in response.content.decode()
