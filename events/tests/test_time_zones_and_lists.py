from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from core.tests.databases import full_text_search
from courses.tests.factories import CaptionTrackFactory, CourseMediaFactory
from events import registration as registrations
from home.models import HomePage

from .factories import master_class

pytestmark = pytest.mark.django_db


def test_the_browser_s_zone_is_kept_for_a_user_without_one(client):
    user = UserFactory(time_zone="")
    client.force_login(user)
    response = client.post(reverse("events:detect_time_zone"), {"time_zone": "America/Lima"})
    assert response.status_code == 204
    user.refresh_from_db()
    assert user.time_zone == "America/Lima"


def test_the_browser_never_overrides_a_chosen_zone(client):
    user = UserFactory(time_zone="Europe/Madrid")
    client.force_login(user)
    assert client.post(reverse("events:detect_time_zone"), {"time_zone": "Asia/Tokyo"}).status_code == 200
    user.refresh_from_db()
    assert user.time_zone == "Europe/Madrid"


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "", "x" * 5000, "Europe/Madrid\x00"])
def test_an_unknown_time_zone_is_a_clear_400_and_changes_nothing(client, zone):
    user = UserFactory(time_zone="")
    client.force_login(user)
    response = client.post(reverse("events:detect_time_zone"), {"time_zone": zone})
    assert response.status_code == 400 and "is not a time zone" in response.content.decode()
    user.refresh_from_db()
    assert user.time_zone == ""


def test_a_user_without_a_zone_is_asked_by_the_page_script(client):
    page = master_class()
    client.force_login(UserFactory(time_zone=""))
    assert "data-detect-time-zone" in client.get(page.url).content.decode()
    client.force_login(UserFactory(time_zone="Europe/Madrid"))
    assert "data-detect-time-zone" not in client.get(page.url).content.decode()


def test_the_home_block_lists_upcoming_classes_and_drops_those_that_started(client):
    home = HomePage.objects.get(locale__language_code="en")
    home.body = [("upcoming_master_classes", {"heading": "Live soon", "count": 3})]
    home.save_revision().publish()
    soon = master_class(title="Starts soon", start=timezone.now() + timedelta(hours=1))
    master_class(title="Later on", start=timezone.now() + timedelta(days=9))
    body = client.get("/en/").content.decode()
    assert "Live soon" in body and body.index("Starts soon") < body.index("Later on")
    soon.start, soon.end = timezone.now() - timedelta(minutes=1), timezone.now() + timedelta(hours=1)
    soon.save_revision().publish()
    body = client.get("/en/").content.decode()
    assert "Starts soon" not in body and "Later on" in body


@full_text_search
def test_master_classes_are_found_by_the_site_search(search_index, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the index is written as the page commits
        master_class(title="Window functions live", summary="Ranking rows with SQL window functions.")
    response = client.get(reverse("search:search"), {"q": "window"})
    assert [result.page.title for result in response.context["results"]] == ["Window functions live"]
    paid_only = client.get(reverse("search:search"), {"q": "window", "price": "paid"})
    assert [result.page.title for result in paid_only.context["results"]] == []


def test_the_recording_opens_to_registered_users_only(client):
    video, track = CourseMediaFactory(), CaptionTrackFactory()
    start = timezone.now() - timedelta(hours=3)
    page = master_class(
        start=start, end=start + timedelta(hours=1),
        recording=[("video", {"title": "Recording", "video": video, "captions": [track]})],
    )  # fmt: skip
    student = UserFactory()
    registrations.Registration.objects.create(
        user=student, master_class_key=page.translation_key, master_class=page, status="registered"
    )
    media_url = video.url
    client.force_login(student)
    body = client.get(page.url).content.decode()
    assert "Recording" in body and "<video" in body
    assert client.get(media_url).status_code in (200, 206)
    client.force_login(UserFactory())
    assert "<video" not in client.get(page.url).content.decode()
    assert client.get(media_url).status_code == 403
    client.logout()
    assert client.get(media_url).status_code == 403
