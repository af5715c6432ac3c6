"""With every cache warm, one reader's announcements (dismissals) and messages never reach
another's pages, nor the anonymous course page."""

import random

import pytest
from django.test import Client

from notifications.communication import announcing, messaging
from notifications.models import Announcement

from .communication_fixtures import *  # noqa: F403

pytestmark = pytest.mark.django_db


def test_two_students_never_see_each_others_messages_or_dismissals(
    student, classmate, teacher, course, shared_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = announcing.post(Announcement(course=course, title="First news", body="Alpha"), teacher)
        announcing.post(Announcement(course=course, title="Second news", body="Beta"), teacher)
        mine = messaging.start_thread(student, course, "Stu's private question", "Only for Stu")
        theirs = messaging.start_thread(classmate, course, "Cora's private question", "Only for Cora")
        messaging.reply(mine, teacher, "Answer for Stu")
        messaging.reply(theirs, teacher, "Answer for Cora")
    announcing.dismiss(student, first.pk)
    clients = {student: Client(), classmate: Client()}
    for user, client in clients.items():
        client.force_login(user)
    visits = [(user, path) for user in clients for path in ("/en/dashboard/", course.url, "/en/messages/")] * 3
    random.Random(23).shuffle(visits)
    for user, path in visits:
        html = clients[user].get(path).content.decode()
        own, other = ("Stu", "Cora") if user == student else ("Cora", "Stu")
        assert f"{other}'s private question" not in html.replace("&#x27;", "'")
        assert f"Answer for {other}" not in html
        if path == "/en/dashboard/":
            assert ("First news" in html) is (user == classmate)
            assert "Second news" in html
    anonymous = Client().get(course.url).content.decode()
    assert "Second news" not in anonymous and "private question" not in anonymous
