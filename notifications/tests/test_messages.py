"""Private messages: a student writes to the staff of a course they are enrolled in; who
reads what; statuses; reports; attachments; the rate limit; and bad input."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from notifications.models import Message, MessageReport, MessageThread, Notification

from .communication_fixtures import *  # noqa: F403

pytestmark = pytest.mark.django_db

NEW = "/en/messages/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _after_commit(django_capture_on_commit_callbacks):
    global _committing
    _committing = lambda: django_capture_on_commit_callbacks(execute=True)  # noqa: E731


def _start(client, student, course, subject="About lesson 2", body="I do not understand **photosynthesis**.", **extra):
    client.force_login(student)
    with _committing():
        return client.post(NEW + "new/", {"course": course.pk, "subject": subject, "body": body, **extra})


@pytest.fixture
def thread(client, student, course):
    _start(client, student, course)
    client.logout()
    return MessageThread.objects.get()


def _reply(client, user, thread, body="Here is the answer.", **extra):
    client.force_login(user)
    with _committing():
        return client.post(f"{NEW}{thread.pk}/reply/", {"body": body, **extra}, follow=True)


def test_an_enrolled_student_writes_to_the_course_staff_who_are_told(client, student, course, teacher):
    response = _start(client, student, course)
    thread = MessageThread.objects.get()
    assert response["Location"] == f"/en/messages/{thread.pk}/"
    assert thread.student == student and thread.course_key == course.translation_key
    assert thread.status == MessageThread.Status.OPEN
    told = Notification.objects.get(kind="notifications.message_to_staff")
    assert told.recipient == teacher and told.url.endswith(
        f"/en/messages/{thread.pk}/#message-{thread.messages.get().pk}"
    )


def test_a_student_cannot_write_about_a_course_they_are_not_enrolled_in(client, outsider, course):
    response = _start(client, outsider, course)
    assert response.status_code == 200
    assert "You can only write to the staff of a course you are enrolled in." in response.content.decode()
    assert not MessageThread.objects.exists()


def test_the_instructor_answers_and_the_student_marks_it_answered(client, thread, teacher, student):
    response = _reply(client, teacher, thread, body="Chlorophyll **absorbs** light.")
    assert "Your message is sent." in response.content.decode()
    told = Notification.objects.get(kind="notifications.message_reply")
    assert told.recipient == student
    client.force_login(student)
    html = client.get(f"{NEW}{thread.pk}/").content.decode()
    assert "Chlorophyll <strong>absorbs</strong> light." in html
    client.post(f"{NEW}{thread.pk}/answered/")
    thread.refresh_from_db()
    assert thread.status == MessageThread.Status.ANSWERED


def test_a_students_new_message_opens_an_answered_thread_again(client, thread, student):
    thread.status = MessageThread.Status.ANSWERED
    thread.save()
    _reply(client, student, thread, body="One more question.")
    thread.refresh_from_db()
    assert thread.status == MessageThread.Status.OPEN


def test_nobody_writes_in_a_closed_thread(client, thread, student):
    client.force_login(student)
    client.post(f"{NEW}{thread.pk}/close/")
    response = _reply(client, student, thread, body="Hello?")
    assert "This conversation is closed" in response.content.decode()
    assert thread.messages.count() == 1


def test_replying_in_someone_elses_thread_is_refused(client, thread, classmate, other_teacher):
    for intruder in (classmate, other_teacher):
        response = _reply(client, intruder, thread, body="Let me in")
        assert response.status_code == 200
        assert "You can only write in your own conversations." in response.content.decode()
    assert thread.messages.count() == 1


def test_someone_elses_thread_is_not_found_and_not_listed(client, thread, classmate, other_teacher, moderator):
    for user in (classmate, other_teacher, moderator):
        client.force_login(user)
        assert client.get(f"{NEW}{thread.pk}/").status_code == 404
        assert "About lesson 2" not in client.get(NEW).content.decode()


def test_someone_elses_thread_status_cannot_be_changed(client, thread, classmate):
    client.force_login(classmate)
    client.post(f"{NEW}{thread.pk}/close/")
    thread.refresh_from_db()
    assert thread.status == MessageThread.Status.OPEN


def test_a_report_tells_the_moderators_who_read_the_thread_and_hide_the_message(client, thread, teacher, moderator):
    message = thread.messages.get()
    client.force_login(teacher)
    with _committing():
        client.post(f"{NEW}message/{message.pk}/report/", {"reason": "Rude"})
    report = MessageReport.objects.get()
    assert Notification.objects.get(kind="notifications.message_reported").recipient == moderator
    client.force_login(moderator)
    assert "I do not understand" in client.get(f"{NEW}{thread.pk}/").content.decode()
    assert "About lesson 2" in client.get(NEW).content.decode()
    response = client.post(f"/admin/communication/message-reports/edit/{report.pk}/", {"resolution": "hidden"})
    assert response.status_code == 302
    report.refresh_from_db()
    message.refresh_from_db()
    assert message.hidden and report.resolved_by == moderator and report.resolution == "hidden"
    reader = Client()  # (the admin's "Report … updated." waits in the moderator's cookie)
    reader.force_login(teacher)
    html = reader.get(f"{NEW}{thread.pk}/").content.decode()
    assert "I do not understand" not in html and "hidden by a moderator" in html


def test_one_cannot_report_ones_own_message(client, thread, student):
    message = thread.messages.get()
    client.force_login(student)
    response = client.post(f"{NEW}message/{message.pk}/report/", follow=True)
    assert "You cannot report your own message." in response.content.decode()
    assert not MessageReport.objects.exists()


def test_an_attachment_is_served_to_the_participants_only(client, student, course, teacher, classmate):
    _start(client, student, course, attachment=SimpleUploadedFile("notes.pdf", PDF, content_type="application/pdf"))
    message = Message.objects.get()
    url = f"{NEW}message/{message.pk}/attachment/"
    for reader in (student, teacher):
        client.force_login(reader)
        response = client.get(url)
        assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"].startswith("attachment;")
        assert "private" in response["Cache-Control"]
    client.force_login(classmate)
    assert client.get(url).status_code == 404


def test_an_attachment_whose_content_does_not_match_its_name_is_refused(client, student, course):
    fake = SimpleUploadedFile("notes.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    response = _start(client, student, course, attachment=fake)
    assert response.status_code == 200
    assert "its content is a web page (HTML)" in response.content.decode()
    assert not MessageThread.objects.exists()


def test_an_attachment_of_a_refused_type_is_refused(client, student, course):
    response = _start(client, student, course, attachment=SimpleUploadedFile("run.exe", b"MZ\x90\x00"))
    assert "Files of type .exe are not accepted." in response.content.decode()
    assert not MessageThread.objects.exists()


def test_writing_too_often_is_refused(client, student, course, settings):
    settings.AULA_MESSAGES_PER_HOUR = 2
    _start(client, student, course)
    _start(client, student, course)
    response = _start(client, student, course)
    assert response.status_code == 200
    assert "You have sent 2 messages in the last hour, the most allowed." in response.content.decode()
    assert MessageThread.objects.count() == 2


def test_the_staff_are_not_rate_limited(client, thread, teacher, settings):
    settings.AULA_MESSAGES_PER_HOUR = 1
    for _ in range(3):
        _reply(client, teacher, thread)
    assert thread.messages.count() == 4


def test_scripts_in_subject_and_message_are_harmless(client, student, course, teacher):
    _start(
        client,
        student,
        course,
        subject="<script>alert('subject')</script>",
        body="<script>alert('body')</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>",
    )
    thread = MessageThread.objects.get()
    for user in (student, teacher):
        client.force_login(user)
        for url in (NEW, f"{NEW}{thread.pk}/", "/en/dashboard/"):
            html = client.get(url).content.decode()
            assert "<script>alert" not in html and 'href="javascript:' not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(&#x27;subject&#x27;)" in client.get(NEW).content.decode()


def test_an_empty_message_is_refused(client, thread, student):
    response = _reply(client, student, thread, body="   ")
    assert "Write something before sending." in response.content.decode()
    assert thread.messages.count() == 1


def test_the_dashboard_shows_unread_conversations_until_read(client, thread, teacher, student):
    client.force_login(teacher)
    assert "About lesson 2" in client.get("/en/dashboard/").content.decode()
    client.get(f"{NEW}{thread.pk}/")
    html = client.get("/en/dashboard/").content.decode()
    assert "No new messages." in html
    client.force_login(student)  # their own message is not news to them
    assert "No new messages." in client.get("/en/dashboard/").content.decode()
