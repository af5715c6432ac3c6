"""Each user chooses a time zone on their profile; the site shows their dates in it."""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from accounts.time_zones import TimeZoneMiddleware, time_zone_names

PROFILE = "/en/accounts/profile/"


def profile_form(**fields):
    return {"display_name": "Sam", "first_name": "", "last_name": "", **fields}


@pytest.fixture
def sam(client, user_factory):
    user = user_factory(email="sam@example.com")
    client.force_login(user)
    return user


def test_the_profile_offers_every_zone_with_the_sites_preselected(client, sam, settings):
    settings.TIME_ZONE = "Europe/Madrid"
    html = client.get(PROFILE).content.decode()
    assert '<select name="time_zone"' in html and '<optgroup label="America">' in html
    assert '<option value="Europe/Madrid" selected>Madrid</option>' in html
    zones = html.split('<select name="time_zone"')[1].split("</select>")[0]
    assert zones.count("<option") == len(time_zone_names())


def test_a_student_saves_their_time_zone(client, sam):
    response = client.post(PROFILE, profile_form(time_zone="Asia/Tokyo"))
    assert response.status_code == 302
    sam.refresh_from_db()
    assert sam.time_zone == "Asia/Tokyo"
    assert '<option value="Asia/Tokyo" selected>Tokyo</option>' in client.get(PROFILE).content.decode()


@pytest.mark.parametrize("bad", ["Mars/Olympus_Mons", "../../etc/passwd", "x" * 500, "localtime"])
def test_an_unknown_time_zone_is_refused_and_nothing_changes(client, sam, bad):
    sam.time_zone = "Asia/Tokyo"
    sam.save()
    response = client.post(PROFILE, profile_form(display_name="Changed", time_zone=bad))
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    sam.refresh_from_db()
    assert (sam.time_zone, sam.display_name) == ("Asia/Tokyo", "")


def test_signed_in_requests_use_the_users_zone_and_anonymous_ones_the_sites(sam, settings):
    settings.TIME_ZONE = "UTC"
    sam.time_zone = "America/Sao_Paulo"
    seen = {}

    def view(request):
        seen[request.user.is_authenticated] = timezone.get_current_timezone_name()
        return HttpResponse()

    request = RequestFactory().get("/")
    request.user = sam
    TimeZoneMiddleware(view)(request)
    request.user = AnonymousUser()
    TimeZoneMiddleware(view)(request)
    assert seen == {True: "America/Sao_Paulo", False: "UTC"}
    assert timezone.get_current_timezone_name() == "UTC"  # nothing left active after the request


def test_a_request_without_a_session_never_loads_its_user():
    def view(request):
        return HttpResponse(timezone.get_current_timezone_name())

    request = RequestFactory().get("/")
    SessionMiddleware(lambda request: None).process_request(request)  # no session cookie
    request.user = SimpleLazyObject(lambda: pytest.fail("the user was loaded"))
    assert TimeZoneMiddleware(view)(request).content == settings.TIME_ZONE.encode()
