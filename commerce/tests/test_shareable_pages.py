"""Anonymous visitors without a session get the course and program pages the page cache
shares: "Buy now" and "Add to cart" are forms without a CSRF token (a token baked into a
shared page would be someone else's), and the cart checks where a form came from instead
(``commerce/origin.py``): this site's forms add in one click, another site's add nothing."""

import pytest
from django.test import Client

from commerce.cart import Cart

pytestmark = pytest.mark.django_db

ADD = "/en/cart/add/"
SAME_SITE = {"HTTP_SEC_FETCH_SITE": "same-origin"}


def strict_client():
    """A browser as Django's CSRF check sees it (the test client skips the check otherwise)."""
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize("page", ["course", "program"])
def test_an_anonymous_page_carries_forms_without_a_token_and_sets_no_cookie(course_a, bundle, page):
    url = {"course": course_a.url, "program": bundle.url}[page]
    response = Client().get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in html
    assert f'action="{ADD}"' in html and f'name="kind" value="{page}"' in html


def test_add_to_cart_from_a_shared_page_adds_and_stays_on_the_page(course_a):
    client = strict_client()
    data = {"kind": "course", "page": course_a.pk, "next": course_a.url}
    added = client.post(ADD, data, **SAME_SITE)
    assert added.status_code == 302 and added["Location"] == course_a.url
    assert str(course_a.translation_key) in Cart(client.session)
    page = client.get(course_a.url).content.decode()
    assert "“Data course” is in your cart." in page and "Go to your cart" in page


def test_buy_now_from_a_shared_page_goes_straight_to_the_cart(course_b):
    client = strict_client()
    added = client.post(ADD, {"kind": "course", "page": course_b.pk, "buy_now": "1"}, **SAME_SITE)
    assert added.status_code == 302 and added["Location"] == "/en/cart/"
    assert str(course_b.translation_key) in Cart(client.session)


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/page"},
        {},
    ],
    ids=["cross-site", "same-site", "other-origin", "null-origin", "other-referer", "nothing"],
)
def test_a_form_from_another_site_or_from_nowhere_adds_nothing(course_a, headers):
    client = strict_client()
    response = client.post(ADD, {"kind": "course", "page": course_a.pk, "buy_now": "1"}, follow=True, **headers)
    assert response.status_code == 200
    assert "This form did not come from this site: nothing was added to your cart." in response.content.decode()
    assert len(Cart(client.session)) == 0


@pytest.mark.parametrize(
    "headers",
    [{"HTTP_ORIGIN": "http://testserver"}, {"HTTP_REFERER": "http://testserver/en/courses/"}],
    ids=["origin", "referer"],
)
def test_a_browser_without_fetch_metadata_is_known_by_its_origin_or_referer(course_a, headers):
    client = strict_client()
    client.post(ADD, {"kind": "course", "page": course_a.pk}, **headers)
    assert str(course_a.translation_key) in Cart(client.session)


@pytest.mark.parametrize("page", ["", "abc", "999999"])
def test_adding_nothing_on_sale_says_so_and_adds_nothing(client, page):
    response = client.post(ADD, {"kind": "course", "page": page}, follow=True, **SAME_SITE)
    assert response.status_code == 200
    assert "This item is not for sale." in response.content.decode()
    assert len(Cart(client.session)) == 0


def test_adding_never_leads_off_the_site(client, course_a):
    response = client.post(ADD, {"kind": "course", "page": course_a.pk, "next": "//evil.example/"}, **SAME_SITE)
    assert response["Location"] == "/en/cart/"


def test_an_old_confirming_link_changes_nothing_and_goes_back_to_the_page(client, course_a):
    response = client.get(ADD, {"kind": "course", "page": course_a.pk, "next": course_a.url, "buy_now": "1"})
    assert response.status_code == 302 and response["Location"] == course_a.url
    assert len(Cart(client.session)) == 0
    assert client.get(ADD, {"next": "//evil.example/"})["Location"] == "/en/cart/"


def test_signed_in_visitors_keep_forms_with_their_token(buyer_client, course_a):
    html = buyer_client.get(course_a.url).content.decode()
    assert 'action="/en/cart/add/"' in html and "csrfmiddlewaretoken" in html
