"""Announcements: who may post where (through the admin), delivery to enrolled students,
the dashboard and course page until dismissed or expired, and bad input."""

from datetime import timedelta

import pytest
from django.utils import timezone

from notifications.models import Announcement, AnnouncementDismissal, Notification

from .communication_fixtures import *  # noqa: F403

pytestmark = pytest.mark.django_db

ADD = "/admin/communication/announcements/new/"


@pytest.fixture(autouse=True)
def _after_commit(django_capture_on_commit_callbacks):
    """Deliveries are queued when a transaction commits: run them (the test is one transaction)."""
    global _committing
    _committing = lambda: django_capture_on_commit_callbacks(execute=True)  # noqa: E731


def _post_announcement(client, user, **fields):
    client.force_login(user)
    data = {"title": "Exam moved", "body": "The exam is on **Friday**.", "language": "", "expires_at": ""}
    data.update({key: ("" if value is None else value) for key, value in fields.items()})
    with _committing():
        return client.post(ADD, data)


def _announce(author, course=None, **fields):
    from notifications.communication import announcing

    return announcing.post(Announcement(course=course, title="Welcome", body="Hello **all**", **fields), author)


def test_an_instructor_posts_to_their_course_and_its_students_are_told(client, teacher, course, student, outsider):
    response = _post_announcement(client, teacher, course=course.pk)
    assert response.status_code == 302
    announcement = Announcement.objects.get()
    assert announcement.course_key == course.translation_key and announcement.author == teacher
    told = Notification.objects.filter(kind="notifications.announcement")
    assert list(told.values_list("recipient", flat=True)) == [student.pk]


def test_an_instructor_cannot_post_to_a_course_they_do_not_teach(client, teacher, other_course):
    response = _post_announcement(client, teacher, course=other_course.pk)
    assert response.status_code == 200
    assert "You can only post announcements to courses you teach." in response.content.decode()
    assert not Announcement.objects.exists()


def test_an_instructor_cannot_post_to_the_whole_site(client, teacher, course):
    response = _post_announcement(client, teacher, course=None)
    assert response.status_code == 200
    assert "Only editors and administrators can post announcements to the whole site." in response.content.decode()
    assert not Announcement.objects.exists()


def test_an_editor_posts_to_the_whole_site_and_everyone_is_told(client, editor, student, outsider):
    response = _post_announcement(client, editor, course=None)
    assert response.status_code == 302
    assert Announcement.objects.get().is_site_wide
    told = set(Notification.objects.filter(kind="notifications.announcement").values_list("recipient", flat=True))
    assert {student.pk, outsider.pk} <= told and editor.pk not in told


def test_an_editor_cannot_post_to_a_course(client, editor, course):
    response = _post_announcement(client, editor, course=course.pk)
    assert response.status_code == 200
    assert "You can only post announcements to courses you teach." in response.content.decode()
    assert not Announcement.objects.exists()


def test_an_instructor_cannot_open_another_courses_announcement(client, teacher, other_teacher, other_course):
    theirs = _announce(other_teacher, other_course)
    client.force_login(teacher)
    assert client.get(f"/admin/communication/announcements/edit/{theirs.pk}/").status_code == 403
    response = client.post(f"/admin/communication/announcements/delete/{theirs.pk}/")
    assert response.status_code == 403
    assert Announcement.objects.filter(pk=theirs.pk).exists()


def test_an_instructor_lists_only_their_courses_announcements(client, teacher, course, other_teacher, other_course):
    _announce(teacher, course, pinned=False).title  # noqa: B018
    Announcement.objects.filter(course_key=course.translation_key).update(title="Mine")
    _announce(other_teacher, other_course)
    Announcement.objects.filter(course_key=other_course.translation_key).update(title="Theirs")
    client.force_login(teacher)
    html = client.get("/admin/communication/announcements/").content.decode()
    assert "Mine" in html and "Theirs" not in html


def test_a_past_expiry_is_refused(client, teacher, course):
    response = _post_announcement(
        client, teacher, course=course.pk, expires_at=(timezone.now() - timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    )
    assert response.status_code == 200
    assert "The expiry date is already past" in response.content.decode()
    assert not Announcement.objects.exists()


def test_the_announcement_shows_on_the_dashboard_and_course_page_of_enrolled_students(
    client, teacher, course, student, outsider
):
    _announce(teacher, course)
    client.force_login(student)
    assert "Hello <strong>all</strong>" in client.get("/en/dashboard/").content.decode()
    assert "Hello <strong>all</strong>" in client.get(course.url).content.decode()
    client.force_login(outsider)
    assert "Hello <strong>all</strong>" not in client.get("/en/dashboard/").content.decode()
    assert "Hello <strong>all</strong>" not in client.get(course.url).content.decode()


def test_a_dismissed_announcement_is_gone_for_that_reader_only(client, teacher, course, student, classmate):
    announcement = _announce(teacher, course)
    for user in (student, classmate):  # both pages cached for both
        client.force_login(user)
        client.get("/en/dashboard/")
        client.get(course.url)
    client.force_login(student)
    response = client.post(f"/en/announcements/{announcement.pk}/dismiss/", {"next": course.url})
    assert response.status_code == 302 and response["Location"] == course.url
    assert "Hello <strong>all</strong>" not in client.get("/en/dashboard/").content.decode()
    assert "Hello <strong>all</strong>" not in client.get(course.url).content.decode()
    client.force_login(classmate)
    assert "Hello <strong>all</strong>" in client.get("/en/dashboard/").content.decode()
    assert "Hello <strong>all</strong>" in client.get(course.url).content.decode()


def test_an_expired_announcement_is_not_shown(client, teacher, course, student):
    announcement = _announce(teacher, course)
    client.force_login(student)
    client.get("/en/dashboard/")  # cached while current
    announcement.expires_at = timezone.now() - timedelta(minutes=1)
    announcement.save()
    assert "Hello <strong>all</strong>" not in client.get("/en/dashboard/").content.decode()


def test_a_site_wide_announcement_in_one_language_is_shown_in_that_language_only(client, editor, student, locales):
    _announce(editor, None, language="es")
    client.force_login(student)
    assert "Hello <strong>all</strong>" in client.get("/es/dashboard/").content.decode()
    assert "Hello <strong>all</strong>" not in client.get("/en/dashboard/").content.decode()


def test_dismissing_an_announcement_of_a_course_one_is_not_in_is_refused(client, teacher, course, outsider):
    announcement = _announce(teacher, course)
    client.force_login(outsider)
    response = client.post(f"/en/announcements/{announcement.pk}/dismiss/", follow=True)
    assert "does not exist or is not addressed to you" in response.content.decode()
    assert not AnnouncementDismissal.objects.exists()


def test_scripts_in_an_announcement_are_harmless(client, teacher, course, student):
    _post_announcement(
        client,
        teacher,
        course=course.pk,
        title="<script>alert('title')</script>",
        body="<script>alert('body')</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>",
    )
    client.force_login(student)
    for url in ("/en/dashboard/", course.url):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html
        assert 'href="javascript:' not in html
        assert "<img src=x" not in html
        assert "&lt;script&gt;alert(&#x27;title&#x27;)" in html


def test_the_email_is_written_in_the_students_language(client, teacher, course, student):
    student.language = "es"
    student.save()
    _post_announcement(client, teacher, course=course.pk)
    assert Notification.objects.get(recipient=student).language == "es"


def test_the_email_subject_is_plain_text(client, teacher, course, student):
    _post_announcement(client, teacher, course=course.pk, title="Q&A <live>")
    assert Notification.objects.get(recipient=student).subject == "Botany: Q&A <live>"
