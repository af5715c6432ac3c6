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


def test_the_menu_and_footer_of_a_view_outside_the_page_tree_are_shared(client, user_factory):
    """The dashboard has no page: its main menu and footer links are the same for everyone,
    rendered once until the site changes (they were rendered on every request)."""
    client.force_login(user_factory(email="sam@example.com"))
    client.get("/en/dashboard/")
    response = client.get("/en/dashboard/")
    rendered = [t.name for t in response.templates]
    assert "includes/main_menu.html" not in rendered and "includes/footer_links.html" not in rendered
    assert 'class="site-footer' in response.content.decode()


def test_the_language_links_of_a_view_named_by_its_route_alone_are_shared(client, user_factory):
    """The dashboard's language links (the same route in each language) are rendered once; a
    query string keeps them per request, so the links keep it."""
    client.force_login(user_factory(email="sam@example.com"))
    client.get("/en/dashboard/")
    response = client.get("/en/dashboard/")
    assert "includes/language_switcher.html" not in [t.name for t in response.templates]
    assert 'href="/es/dashboard/"' in response.content.decode()
    with_query = client.get("/en/dashboard/?from=mail")
    assert "includes/language_switcher.html" in [t.name for t in with_query.templates]
    assert 'href="/es/dashboard/?from=mail"' in with_query.content.decode()
