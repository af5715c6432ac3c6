import pytest
from wagtail import hooks

from accounts.dashboard import DashboardPanel

pytestmark = pytest.mark.django_db


def test_dashboard_needs_login(client):
    response = client.get("/en/dashboard/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_login_lands_on_the_dashboard(client, user_factory):
    user_factory(email="sam@example.com", password="a-Strong-pass-2026")
    response = client.post("/en/accounts/login/", {"login": "sam@example.com", "password": "a-Strong-pass-2026"})
    assert response["Location"] == "/en/dashboard/"


def test_dashboard_shows_the_panels_apps_register_in_order(client, user_factory):
    client.force_login(user_factory(email="sam@example.com", display_name="Sam"))

    def second(request):
        return DashboardPanel("includes/messages.html", order=20)

    def nothing_to_show(request):
        return None

    with (
        hooks.register_temporarily("register_dashboard_panel", second),
        hooks.register_temporarily("register_dashboard_panel", nothing_to_show),
    ):
        response = client.get("/en/dashboard/")
    assert response.status_code == 200
    assert "Welcome, Sam" in response.content.decode()  # a new user: welcomed, not welcomed back


def test_a_returning_user_is_welcomed_back(client, user_factory):
    from datetime import timedelta

    from django.utils import timezone

    user = user_factory(email="old@example.com", display_name="Old")
    user.date_joined = timezone.now() - timedelta(days=30)
    user.save(update_fields=["date_joined"])
    client.force_login(user)
    assert "Welcome back, Old" in client.get("/en/dashboard/").content.decode()
