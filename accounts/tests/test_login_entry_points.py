"""Every login form on the site has the site login's limits, or does not exist."""

import pytest

pytestmark = pytest.mark.django_db

EMAIL = "root@example.com"
PASSWORD = "a-Strong-pass-2026"

# (URL, the field names that login form would use): the site's, Wagtail admin's, Django
# admin's, and Wagtail's front-end login (page privacy's), in every language.
ENTRY_POINTS = [
    ("/en/accounts/login/", "login"),
    ("/admin/login/", "username"),
    ("/django-admin/login/", "username"),
    ("/en/_util/login/", "username"),
    ("/es/_util/login/", "username"),
]


@pytest.fixture
def superuser(user_factory):
    return user_factory(email=EMAIL, password=PASSWORD, is_staff=True, is_superuser=True)


def _signed_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize(("url", "field"), ENTRY_POINTS)
def test_forty_two_wrong_passwords_then_the_right_one_does_not_sign_in(client, superuser, url, field):
    for _ in range(42):
        client.post(url, {field: EMAIL, "password": "wrong-password"})
    client.post(url, {field: EMAIL, "password": PASSWORD})
    assert not _signed_in(client)
    assert client.get("/django-admin/").status_code == 302


@pytest.mark.parametrize("url", ["/admin/login/", "/django-admin/login/"])
def test_admin_login_forms_do_not_exist_and_send_to_the_site_login(client, superuser, url):
    response = client.post(f"{url}?next=/django-admin/", {"username": EMAIL, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].endswith("/accounts/login/?next=/django-admin/")
    assert not _signed_in(client)
    assert "/accounts/login/" in client.get(url)["Location"]


def test_django_admin_asks_for_the_site_login_and_returns_after_it(client, superuser):
    response = client.get("/django-admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/en/accounts/login/?next=%2Fdjango-admin%2F"
    response = client.post(response.redirect_chain[-1][0], {"login": EMAIL, "password": PASSWORD})
    assert response["Location"] == "/django-admin/"
    assert client.get("/django-admin/").status_code == 200


def test_wagtail_admin_password_reset_does_not_exist(client, superuser, mailoutbox):
    for _ in range(10):
        response = client.post("/admin/password_reset/", {"email": EMAIL})
        assert response.status_code in (302, 404)  # a 404, which the locale middleware sends to /en/…
    assert mailoutbox == []


@pytest.fixture
def password_form_url(locales):
    """A published page behind a Wagtail page password, at /en/handbook/: its form's URL."""
    from wagtail.models import PageViewRestriction

    from home.models import StandardPage

    page = StandardPage(title="Staff handbook", slug="handbook")
    locales["en"].add_child(instance=page)
    page.save_revision().publish()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="letmein-2026"
    )
    return f"/en/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"


def _page_password(client, url, password):
    return client.post(url, {"password": password, "return_url": "/en/handbook/"})


def test_page_password_form_has_the_login_limits(client, password_form_url):
    assert "Staff handbook" not in client.get("/en/handbook/").content.decode()
    for _ in range(42):
        _page_password(client, password_form_url, "wrong")
    assert _page_password(client, password_form_url, "letmein-2026").status_code == 429
    assert "Staff handbook" not in client.get("/en/handbook/").content.decode()


def test_page_password_form_still_lets_the_right_password_in(client, password_form_url):
    _page_password(client, password_form_url, "wrong")
    assert _page_password(client, password_form_url, "letmein-2026").status_code == 302
    assert "Staff handbook" in client.get("/en/handbook/").content.decode()


@pytest.mark.parametrize("language", ["en", "es"])
def test_wagtail_front_end_login_form_does_not_exist_and_sends_to_the_site_login(client, superuser, language):
    url = f"/{language}/_util/login/"
    response = client.post(f"{url}?next=/{language}/handbook/", {"username": EMAIL, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/accounts/login/?next=/{language}/handbook/"
    assert not _signed_in(client)
    assert client.get(url)["Location"] == f"/{language}/accounts/login/"


def test_wagtail_front_end_login_does_not_sign_in_an_unverified_address(client, user_factory):
    user_factory(email="new@example.com", password=PASSWORD, verified=False)
    client.post("/en/_util/login/", {"username": "new@example.com", "password": PASSWORD})
    assert not _signed_in(client)


@pytest.fixture
def members_page(locales):
    """A published page that page privacy keeps for signed-in users, at /en/members/."""
    from wagtail.models import PageViewRestriction

    from home.models import StandardPage

    page = StandardPage(title="Members only", slug="members")
    locales["en"].add_child(instance=page)
    page.save_revision().publish()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


def test_page_privacy_login_is_the_site_login_in_one_hop(client, superuser, members_page):
    response = client.get("/en/members/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/members/"
    response = client.post(response["Location"], {"login": EMAIL, "password": PASSWORD})
    assert response["Location"] == "/en/members/"
    assert "Members only" in client.get("/en/members/").content.decode()
