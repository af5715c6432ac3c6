"""Pages that differ per visitor are marked ``private, no-store``, in one place."""

import pytest
from django.http import HttpResponse

from caching.private_responses import mark_private, private_response

pytestmark = pytest.mark.django_db

SIGNED_IN_PAGES = [
    "/en/dashboard/",
    "/en/accounts/profile/",
    "/en/accounts/email/",
    "/en/accounts/password/change/",
    "/en/accounts/logout/",
]


def _is_private_no_store(response):
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    return {"private", "no-store"} <= directives and "public" not in directives


@pytest.mark.parametrize("url", SIGNED_IN_PAGES)
def test_signed_in_pages_are_private_and_not_stored(client, user_factory, url):
    client.force_login(user_factory())
    response = client.get(url)
    assert response.status_code == 200
    assert _is_private_no_store(response)


def test_the_login_form_is_not_stored_by_shared_caches(client):
    assert _is_private_no_store(client.get("/en/accounts/login/"))


def test_mark_private_replaces_a_public_header():
    response = HttpResponse()
    response["Cache-Control"] = "public, max-age=600"
    assert mark_private(response) is response
    assert _is_private_no_store(response)


def test_mark_private_with_max_age_lets_only_the_browser_keep_it():
    response = mark_private(HttpResponse(), max_age=3600)
    assert response["Cache-Control"] == "private, max-age=3600"


def test_private_response_decorator_marks_the_view_answer(rf):
    view = private_response(lambda request: HttpResponse("hello"))
    assert _is_private_no_store(view(rf.get("/")))
