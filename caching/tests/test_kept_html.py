"""HTML kept rendered (a shared fragment, a user's dashboard panel) is served with what it
cannot hold put in at each request: the visitor's CSRF token and how long ago a moment was."""

from datetime import timedelta

import pytest
from django.middleware.csrf import _unmask_cipher_token
from django.utils import timezone
from wagtail import hooks

from accounts.dashboard import DashboardPanel
from caching.kept_html import CSRF_MARK, as_served, timesince_mark
from caching.personal_cache import personal_fragment

pytestmark = pytest.mark.django_db


def test_the_marks_are_replaced_as_served():
    three_hours_ago = timezone.now() - timedelta(hours=3, seconds=5)
    html = f"<p>{timesince_mark(three_hours_ago)} ago</p><input value='{CSRF_MARK}'>"
    assert as_served(html, "token") == "<p>3\xa0hours ago</p><input value='token'>"
    assert timesince_mark(None) == ""


def test_a_kept_panel_with_a_form_is_served_with_each_responses_own_token(client, user_factory, shared_cache):
    """The form is rendered once; every response carries a token of the visitor's own secret."""
    action = {"is_post": True, "csrf": True, "url": "/somewhere/", "fields": {}, "label": "Go there"}
    renders = []

    def panel(request):
        def context():
            renders.append(1)
            return {"actions": [action]}

        html = personal_fragment(request, "test-form", "courses/includes/course_actions.html", context)
        return DashboardPanel("courses/includes/course_actions.html", html=html)

    client.force_login(user_factory())
    tokens = []
    with hooks.register_temporarily("register_dashboard_panel", panel):
        for _ in range(2):
            html = client.get("/en/dashboard/").content.decode()
            form = html.split('action="/somewhere/"')[1]
            assert CSRF_MARK not in html
            tokens.append(form.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0])
    assert renders == [1]
    secret = client.cookies["csrftoken"].value
    assert [_unmask_cipher_token(token) for token in tokens] == [secret, secret]
