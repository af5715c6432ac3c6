"""A signed-in user who may not use an admin site is sent to a page that tells them so, in
one hop; before, the admin sent them to the login form, which sent a signed-in user
straight back, until the browser gave up."""

import pytest

from accounts.roles import INSTRUCTORS

pytestmark = pytest.mark.django_db

NO_ACCESS = "cannot use the administration"


@pytest.fixture
def student(client, user_factory):
    user = user_factory(email="stu@example.com")
    client.force_login(user)
    return user


@pytest.fixture
def instructor(client, user_factory):
    user = user_factory(email="ines@example.com", groups=[INSTRUCTORS])
    client.force_login(user)
    return user


@pytest.mark.parametrize("url", ["/admin/", "/admin/pages/", "/django-admin/", "/django-admin/accounts/user/"])
def test_signed_in_student_is_told_in_one_hop_that_they_have_no_admin_access(client, student, url):
    response = client.get(url, follow=True)
    assert response.redirect_chain == [("/en/accounts/no-admin-access/", 302)]
    assert response.status_code == 403
    page = response.content.decode()
    assert NO_ACCESS in page
    assert "stu@example.com" in page
    assert 'href="/en/dashboard/"' in page
    assert 'href="/admin/"' not in page
    assert response["Cache-Control"].startswith("private") or "private" in response["Cache-Control"]


@pytest.mark.parametrize("url", ["/admin/login/?next=/admin/", "/django-admin/login/?next=/django-admin/"])
def test_signed_in_student_at_an_admin_login_is_told_the_same(client, student, url):
    response = client.get(url, follow=True)
    assert len(response.redirect_chain) == 1
    assert response.status_code == 403
    assert NO_ACCESS in response.content.decode()


def test_instructor_enters_wagtail_admin_but_is_told_at_django_admin(client, instructor):
    assert client.get("/admin/").status_code == 200
    response = client.get("/django-admin/", follow=True)
    assert len(response.redirect_chain) == 1
    assert response.status_code == 403
    assert NO_ACCESS in response.content.decode()
    assert 'href="/admin/"' in response.content.decode()


def test_superuser_enters_both_admins(client, user_factory):
    client.force_login(user_factory(email="root@example.com", is_staff=True, is_superuser=True))
    assert client.get("/admin/").status_code == 200
    assert client.get("/django-admin/").status_code == 200


@pytest.mark.parametrize("url", ["/admin/", "/django-admin/"])
def test_visitor_is_still_asked_to_sign_in(client, url):
    response = client.get(url, follow=True)
    assert response.status_code == 200
    assert "/accounts/login/?next=" in response.redirect_chain[-1][0]


def test_no_access_page_is_in_the_visitors_language(client, student):
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="es", follow=True)
    assert response.redirect_chain == [("/es/accounts/no-admin-access/", 302)]
    assert response.status_code == 403
    assert '<html lang="es"' in response.content.decode()
    assert 'href="/es/dashboard/"' in response.content.decode()
