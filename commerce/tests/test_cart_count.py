"""The header shows the visitor's own cart count, put in per request outside every shared
fragment (like the notification bell): two visitors with warm caches never see each other's
count, and the page the page cache shares with anonymous visitors never holds one."""

import random
import re

import pytest
from django.test import Client

from courses.models import ResourcePage

from .helpers import add

pytestmark = pytest.mark.django_db

COUNT = re.compile(r'class="badge rounded-pill text-bg-primary cart-count" aria-hidden="true">(\d+)<')


@pytest.fixture(autouse=True)
def page_cache_on(shared_cache):
    pass


def count_in(html):
    found = COUNT.findall(html)
    assert len(found) <= 1
    return int(found[0]) if found else 0


def test_two_visitors_with_warm_caches_see_only_their_own_cart_count(course_a, course_b, bundle, buyer):
    ana, bo, anonymous = Client(), Client(), Client()
    add(ana, course_a)  # signed out, one item
    bo.force_login(buyer)
    add(bo, course_a)
    add(bo, course_b)  # signed in, two items
    expected = {"ana": 1, "bo": 2, "anonymous": 0}
    clients = {"ana": ana, "bo": bo, "anonymous": anonymous}
    lesson = ResourcePage.objects.descendant_of(course_a).live().first()
    paths = ["/en/", course_a.get_parent().url, course_a.url, course_b.url, bundle.url, lesson.url, "/en/cart/"]
    visits = [(who, path) for who in clients for path in paths] * 3
    random.Random(26).shuffle(visits)
    for who, path in visits:
        response = clients[who].get(path)
        assert response.status_code in (200, 302, 403), (who, path, response.status_code)
        if response.status_code == 200:
            assert count_in(response.content.decode()) == expected[who], (who, path)


def test_the_shared_anonymous_page_never_holds_a_count(course_a):
    shopper = Client()
    add(shopper, course_a)
    assert count_in(shopper.get(course_a.url).content.decode()) == 1
    first, second = Client().get(course_a.url), Client().get(course_a.url)  # rendered, then from the cache
    for response in (first, second):
        html = response.content.decode()
        assert count_in(html) == 0 and "cart-count" not in html
        assert not response.cookies
    assert first.content == second.content
    assert count_in(shopper.get(course_a.url).content.decode()) == 1  # the shopper is never served the shared copy


def test_the_count_says_how_many_items_to_screen_readers(client, course_a, course_b):
    add(client, course_a)
    add(client, course_b)
    assert 'aria-label="Cart, 2 items"' in client.get("/en/cart/").content.decode()


def test_a_phone_sees_the_count_beside_the_menu_button_only_with_items(client, course_a):
    phone_badge = 'class="nav-link d-lg-none ms-auto me-1 text-nowrap"'
    assert phone_badge not in client.get("/en/cart/").content.decode()
    add(client, course_a)
    html = client.get("/en/cart/").content.decode()
    assert phone_badge in html and 'aria-label="Cart, 1 item"' in html
