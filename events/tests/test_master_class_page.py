from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from accounts.tests.factories import UserFactory
from events import registration as registrations

from .factories import master_class

pytestmark = pytest.mark.django_db
LINK = "https://meet.example.org/aula-live"


def soon(minutes_to_start, hours=1):
    start = timezone.now() + timedelta(minutes=minutes_to_start)
    return master_class(
        start=start, end=start + timedelta(hours=hours), materials=[("rich_text", "<p>Slides here</p>")]
    )


def test_the_meeting_link_shows_to_registered_users_only_in_the_window(client):
    page = soon(10)  # inside the 15-minute window
    student, stranger = UserFactory(), UserFactory()
    registrations.register(student, soon(60 * 24))  # another class: no effect
    registrations.register(student, page)
    client.force_login(student)
    assert LINK in client.get(page.url).content.decode()
    client.force_login(stranger)
    assert LINK not in client.get(page.url).content.decode()
    client.logout()
    assert LINK not in client.get(page.url).content.decode()


def test_the_meeting_link_is_hidden_before_the_window_and_after_the_end(client):
    page = soon(30)
    student = UserFactory()
    registrations.register(student, page)
    client.force_login(student)
    body = client.get(page.url).content.decode()
    assert LINK not in body and "appears here 15 minutes before the start" in body
    later = page.end + timedelta(seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert LINK not in client.get(page.url).content.decode()
    inside = page.start - timedelta(minutes=14)
    with mock.patch("django.utils.timezone.now", return_value=inside):
        assert LINK in client.get(page.url).content.decode()


def test_materials_are_for_registered_users(client):
    page = soon(60)
    student = UserFactory()
    registrations.register(student, page)
    assert "Slides here" not in client.get(page.url).content.decode()
    client.force_login(UserFactory())
    assert "Slides here" not in client.get(page.url).content.decode()
    client.force_login(student)
    assert "Slides here" in client.get(page.url).content.decode()


def test_the_anonymous_page_is_shared_and_holds_nobody_s_state(client):
    page = soon(10)
    student = UserFactory(display_name="Zed Zebra")
    registrations.register(student, page)
    client.force_login(student)
    personal = client.get(page.url)
    assert "no-store" in personal["Cache-Control"] and "You are registered" in personal.content.decode()
    client.logout()
    first = client.get(page.url)
    body = first.content.decode()
    for secret in (LINK, "You are registered", "Zed Zebra", "csrfmiddlewaretoken", "Slides here"):
        assert secret not in body
    assert "Log in to register" in body
    assert "no-store" not in first.get("Cache-Control", "")


def test_seats_left_change_on_the_shared_page_when_someone_registers(client):
    page = soon(120)
    assert "10 seats left" in client.get(page.url).content.decode()
    registrations.register(UserFactory(), page)
    assert "9 seats left" in client.get(page.url).content.decode()


def test_times_are_shown_in_the_user_s_zone_with_its_name(client):
    start = timezone.now().replace(microsecond=0) + timedelta(days=2)
    page = master_class(start=start, end=start + timedelta(hours=1))
    tokyo = UserFactory(time_zone="Asia/Tokyo")
    client.force_login(tokyo)
    body = client.get(page.url).content.decode()
    assert "(Asia/Tokyo)" in body
    local = timezone.localtime(start, timezone=__import__("zoneinfo").ZoneInfo("Asia/Tokyo"))
    assert f'datetime="{local.isoformat()}"' in body
    client.logout()
    assert "(UTC)" in client.get(page.url).content.decode()  # anonymous: the site's zone, named


def test_the_list_shows_upcoming_then_past_classes(client):
    soon(60 * 24)
    past_start = timezone.now() - timedelta(days=3)
    master_class(title="Old class", start=past_start, end=past_start + timedelta(hours=1))
    index = page_index()
    body = client.get(index.url).content.decode()
    assert body.index("Upcoming") < body.index("Past master classes") < body.index("Old class")


def page_index():
    from .factories import master_class_index

    return master_class_index()
