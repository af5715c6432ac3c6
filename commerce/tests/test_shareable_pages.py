"""Anonymous visitors without a session get the course and program pages the page cache
shares: "Buy now" and "Add to cart" are links to the cart's confirming page (a form there
is the visitor's own), never forms with a CSRF token baked into a shared page."""

import pytest
from django.test import Client

from commerce.cart import Cart

pytestmark = pytest.mark.django_db

ADD = "/en/cart/add/"


@pytest.mark.parametrize("page", ["course", "program"])
def test_an_anonymous_page_carries_links_no_form_and_sets_no_cookie(course_a, bundle, page):
    url = {"course": course_a.url, "program": bundle.url}[page]
    response = Client().get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in html
    assert f'href="{ADD}?kind={page}&amp;page=' in html


def test_the_confirming_page_offers_the_item_with_a_form_and_adding_works(client, course_a):
    confirm = client.get(ADD, {"kind": "course", "page": course_a.pk, "next": course_a.url, "buy_now": "1"})
    html = confirm.content.decode()
    assert confirm.status_code == 200
    assert "Data course" in html and "csrfmiddlewaretoken" in html
    assert "no-store" in confirm["Cache-Control"]
    added = client.post(ADD, {"kind": "course", "page": course_a.pk, "buy_now": "1"})
    assert added.status_code == 302 and added["Location"] == "/en/cart/"
    assert str(course_a.translation_key) in Cart(client.session)


@pytest.mark.parametrize("page", ["", "abc", "999999"])
def test_a_confirming_link_to_nothing_on_sale_says_so_and_adds_nothing(client, page):
    response = client.get(ADD, {"kind": "course", "page": page}, follow=True)
    assert response.status_code == 200
    assert "This item is not for sale." in response.content.decode()
    assert len(Cart(client.session)) == 0


def test_a_confirming_link_never_leads_off_the_site(client, course_a):
    html = client.get(ADD, {"kind": "course", "page": course_a.pk, "next": "//evil.example/"}).content.decode()
    assert 'value="//evil.example/"' not in html and 'href="//evil.example/"' not in html
    assert f'name="next" value="{course_a.url}"' in html


def test_signed_in_visitors_keep_the_one_click_forms(buyer_client, course_a):
    html = buyer_client.get(course_a.url).content.decode()
    assert 'action="/en/cart/add/"' in html and "csrfmiddlewaretoken" in html
