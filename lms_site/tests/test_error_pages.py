import pytest

pytestmark = pytest.mark.django_db


def test_unknown_page_is_a_styled_404(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'class="site-header"' in html


def test_unknown_language_code_is_404(client):
    response = client.get("/xx/", follow=True)
    assert response.status_code == 404
    response = client.get("/zz/accounts/login/", follow=True)
    assert response.status_code == 404


def test_404_is_translated(client):
    response = client.get("/es/no-existe/")
    assert response.status_code == 404
    assert "Página no encontrada" in response.content.decode()


def test_server_error_is_a_styled_500_without_debug_details(client, monkeypatch):
    from home.models import HomePage

    def explode(self, request, *args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(HomePage, "serve", explode)
    client.raise_request_exception = False
    response = client.get("/en/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert "secret internal detail" not in html
    assert "Traceback" not in html


@pytest.mark.parametrize("code", ["en", "es"])
def test_csrf_failure_is_the_sites_styled_page_in_the_visitors_language(locales, code):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/{code}/accounts/login/", {"login": "sam@example.com", "password": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert f'<html lang="{code}"' in html
    assert 'class="site-header"' in html
    assert "CSRF" not in html  # no technical reason, no Django debug page
    assert "private" in response["Cache-Control"]


def test_csrf_failure_page_says_what_to_do():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/en/accounts/login/", {"login": "a@example.com"})
    assert "Your form could not be sent" in response.content.decode()
    assert "Nothing has been changed" in response.content.decode()
