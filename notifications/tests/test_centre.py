"""The notification centre: the bell's unread count (the visitor's own, never in shared
HTML), the list, marking read, and the preferences page."""

import re

import pytest

from notifications import kinds
from notifications.models import Notification
from notifications.preferences import channels_for
from notifications.sending import notify

PASSWORD = "a-Strong-pass-2026"


@pytest.fixture
def ann(user_factory):
    return user_factory(email="ann@example.com", display_name="Ann")


@pytest.fixture
def bob(user_factory):
    return user_factory(email="bob@example.com", display_name="Bob")


def tell(user, count, kind="notifications.ping"):
    return [notify(user, kind, context={"n": n}, url="/en/") for n in range(count)]


def bell_of(html):
    found = re.search(r'<a class="nav-link notification-bell[^"]*"[^>]*aria-label="([^"]*)"', html)
    return found.group(1) if found else None


def page_as(client, user, path="/en/"):
    client.force_login(user)
    html = client.get(path).content.decode()
    client.logout()
    return html


def test_the_bell_shows_the_visitors_unread_count(client, ann, ping):
    tell(ann, 3)
    assert bell_of(page_as(client, ann)) == "Notifications, 3 unread"


def test_two_users_never_see_each_others_count_with_caches_warm(client, ann, bob, ping):
    tell(ann, 3)
    tell(bob, 1)
    for _round in range(3):  # every cache warm: the pages, the shared fragments, the personal caches
        for user, label in ((ann, "Notifications, 3 unread"), (bob, "Notifications, 1 unread")):
            for path in ("/en/", "/en/notifications/", "/en/accounts/profile/"):
                assert bell_of(page_as(client, user, path)) == label


def test_the_anonymous_cached_page_has_no_bell(client, ann, ping):
    tell(ann, 3)
    page_as(client, ann)
    for _round in range(2):  # the second answer comes from the anonymous page cache
        html = client.get("/en/").content.decode()
        assert "notification-bell" not in html and "unread" not in html


def test_a_new_notification_changes_the_count_at_once(client, ann, ping):
    tell(ann, 1)
    assert bell_of(page_as(client, ann)) == "Notifications, 1 unread"
    tell(ann, 1)
    assert bell_of(page_as(client, ann)) == "Notifications, 2 unread"


def test_the_list_shows_only_the_visitors_notifications(client, ann, bob, ping):
    tell(ann, 1)
    notify(bob, "notifications.ping", context={"n": "bob-secret"})
    html = page_as(client, ann, "/en/notifications/")
    assert "Course 0" in html and "bob-secret" not in html


def test_the_list_is_paginated(client, ann, ping):
    tell(ann, 25)
    client.force_login(ann)
    first, second = client.get("/en/notifications/"), client.get("/en/notifications/?page=2")
    assert first.content.decode().count("notifications/") and first.context["page_obj"].paginator.num_pages == 2
    assert len(first.context["notifications"]) == 20 and len(second.context["notifications"]) == 5
    assert client.get("/en/notifications/?page=junk").status_code == 200


def test_following_a_notification_marks_it_read(client, ann, ping):
    (notification,) = tell(ann, 1)
    client.force_login(ann)
    response = client.get(f"/en/notifications/{notification.pk}/open/")
    assert response.status_code == 302 and response["Location"].endswith("/en/")
    notification.refresh_from_db()
    assert notification.is_read
    assert bell_of(client.get("/en/").content.decode()) == "Notifications, none unread"


def test_mark_one_read(client, ann, ping):
    first, second = tell(ann, 2)
    client.force_login(ann)
    assert client.post(f"/en/notifications/{first.pk}/read/").status_code == 302
    assert set(Notification.objects.filter(read_at=None).values_list("pk", flat=True)) == {second.pk}


def test_mark_all_read(client, ann, bob, ping):
    tell(ann, 3)
    tell(bob, 2)
    client.force_login(ann)
    assert bell_of(client.get("/en/").content.decode()) == "Notifications, 3 unread"
    assert client.post("/en/notifications/read-all/").status_code == 302
    assert bell_of(client.get("/en/").content.decode()) == "Notifications, none unread"
    assert Notification.objects.filter(recipient=bob, read_at=None).count() == 2


def test_mark_all_read_needs_a_post(client, ann, ping):
    tell(ann, 1)
    client.force_login(ann)
    assert client.get("/en/notifications/read-all/").status_code == 405
    assert Notification.objects.filter(read_at=None).count() == 1


def test_another_users_notification_is_not_found(client, ann, bob, ping):
    (theirs,) = tell(bob, 1)
    client.force_login(ann)
    assert client.get(f"/en/notifications/{theirs.pk}/open/").status_code == 404
    assert client.post(f"/en/notifications/{theirs.pk}/read/").status_code == 404
    assert client.post("/en/notifications/987654/read/").status_code == 404
    theirs.refresh_from_db()
    assert not theirs.is_read


def test_the_centre_needs_signing_in(client, db):
    response = client.get("/en/notifications/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_mark_read_goes_back_only_to_this_site(client, ann, ping):
    (notification,) = tell(ann, 1)
    client.force_login(ann)
    response = client.post(f"/en/notifications/{notification.pk}/read/", {"next": "https://evil.example/"})
    assert response["Location"] == "/en/notifications/"


# --- Preferences ----------------------------------------------------------------------------


def test_preferences_list_every_kind_with_transactional_ones_always_on(client, ann, ping, receipt_like):
    client.force_login(ann)
    html = client.get("/en/notifications/preferences/").content.decode()
    assert 'name="notifications.ping:email"' in html and 'name="notifications.ping:site"' in html
    assert 'name="notifications.paid:email"' not in html and "Always" in html
    assert 'name="certificates.ready:email"' in html  # the apps' own kinds are there too


def test_preferences_save_and_are_obeyed(client, ann, ping, send):
    from django.core import mail

    client.force_login(ann)
    response = client.post("/en/notifications/preferences/", {"notifications.ping:site": "on"})
    assert response.status_code == 302
    assert channels_for(ann, "notifications.ping") == {kinds.SITE}
    send(notify, ann, "notifications.ping", context={"n": 1})
    assert mail.outbox == [] and Notification.objects.filter(recipient=ann).count() == 1


def test_unknown_kinds_posted_to_the_preferences_are_ignored(client, ann, ping):
    client.force_login(ann)
    response = client.post(
        "/en/notifications/preferences/",
        {"no.such_kind:email": "on", "notifications.ping:pigeon": "on", "notifications.ping:email": "on"},
    )
    assert response.status_code == 302
    assert channels_for(ann, "notifications.ping") == {kinds.EMAIL}


def test_the_profile_links_to_the_preferences(client, ann):
    client.force_login(ann)
    assert "/en/notifications/preferences/" in client.get("/en/accounts/profile/").content.decode()


def test_staff_kinds_are_offered_to_staff_alone(client, ann, user_factory):
    client.force_login(ann)
    assert "notifications.review_approved:email" not in client.get("/en/notifications/preferences/").content.decode()
    client.post("/en/notifications/preferences/", {})
    assert channels_for(ann, "notifications.review_approved") == {kinds.SITE, kinds.EMAIL}  # untouched
    staff = user_factory(email="staff@example.com", is_superuser=True, is_staff=True)
    client.force_login(staff)
    assert "notifications.review_approved:email" in client.get("/en/notifications/preferences/").content.decode()
