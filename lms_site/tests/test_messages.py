"""Aula's ``MessageMiddleware`` makes the messages' storage only when something uses it; what
is added, shown or left unread is kept exactly as with Django's."""

import pytest
from django.conf import settings
from django.contrib import messages
from django.contrib.messages.middleware import MessageMiddleware as DjangosMessageMiddleware
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.functional import empty

from lms_site.messages import MessageMiddleware

pytestmark = pytest.mark.django_db


def add(request):
    messages.success(request, "Saved.")
    return HttpResponse("ok")


def show(request):
    return HttpResponse("|".join(str(message) for message in messages.get_messages(request)))


def nothing(request):
    return HttpResponse("ok")


def run(middleware_class, view, cookie=""):
    request = RequestFactory().get("/", HTTP_COOKIE=cookie)
    response = SessionMiddleware(middleware_class(view))(request)
    return request, response


def stored(response):
    morsel = response.cookies.get(CookieStorage.cookie_name)
    return None if morsel is None else (morsel.value != "", morsel["max-age"])


def message_cookie(middleware_class):
    _request, response = run(middleware_class, add)
    return f"{CookieStorage.cookie_name}={response.cookies[CookieStorage.cookie_name].value}"


@pytest.mark.parametrize("view", [add, show, nothing])
def test_what_is_stored_is_what_djangos_stores(view):
    cookie = message_cookie(DjangosMessageMiddleware)
    for kept in ("", cookie):
        ours, djangos = run(MessageMiddleware, view, kept)[1], run(DjangosMessageMiddleware, view, kept)[1]
        assert (ours.content, stored(ours)) == (djangos.content, stored(djangos))


def test_a_message_added_is_shown_on_the_next_request_and_then_gone():
    cookie = message_cookie(MessageMiddleware)
    _request, response = run(MessageMiddleware, show, cookie)
    assert response.content == b"Saved."
    assert stored(response) == (False, 0)  # read: the cookie is removed


def test_a_request_that_shows_no_messages_never_makes_the_storage():
    request, response = run(MessageMiddleware, nothing, message_cookie(MessageMiddleware))
    assert request._messages._wrapped is empty
    assert stored(response) is None  # the unread message stays where it was


def test_the_site_uses_it():
    assert "lms_site.messages.MessageMiddleware" in settings.MIDDLEWARE
    assert "django.contrib.messages.middleware.MessageMiddleware" not in settings.MIDDLEWARE
