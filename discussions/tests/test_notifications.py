"""A question from someone who cannot moderate e-mails the page's recipients, through
django-q2 (in-process in the test settings: ``Q_CLUSTER["sync"]``)."""

import pytest

from discussions.models import Post
from discussions.notifications import send_question_email

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=False)


def ask(client, page, user, body="How does light become sugar?"):
    return login(client, user).post(f"/en/discussions/{page.pk}/post/", {"body": body})


def test_students_question_emails_the_instructor(
    client, lesson, student, instructor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, lesson, student)
    post = Post.objects.get()
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["ines@example.com"]
    assert email.subject == "New question on “Photosynthesis”"
    assert "Stu Dent asked a question in the discussion of “Photosynthesis”" in email.body
    assert "How does light become sugar?" in email.body
    assert f"http://localhost/en/photosynthesis/#post-{post.pk}" in email.body


def test_email_is_sent_only_after_the_post_is_committed(client, lesson, student, instructor, mailoutbox):
    ask(client, lesson, student)  # the test's transaction never commits
    assert mailoutbox == []


def test_each_recipient_gets_their_own_email(
    client, lesson, student, instructor, policy, mailoutbox, django_capture_on_commit_callbacks
):
    from .factories import UserFactory

    policy.staff.add(UserFactory(email="second@example.com").pk)
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, lesson, student)
    assert sorted(m.to[0] for m in mailoutbox) == ["ines@example.com", "second@example.com"]
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mailoutbox)


def test_moderators_question_emails_nobody(
    client, lesson, instructor, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # what the commit runs sends no e-mail
        ask(client, lesson, moderator)
    assert Post.objects.count() == 1
    assert mailoutbox == []


def test_replies_email_nobody(
    client, question, instructor, other_student, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        login(client, other_student).post(f"/en/discussions/post/{question.pk}/reply/", {"body": "Good one"})
    assert mailoutbox == []


def test_refused_question_emails_nobody(
    client, lesson, outsider, instructor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, lesson, outsider)
    assert mailoutbox == []


def test_task_skips_hidden_or_vanished_posts(question, instructor, mailoutbox):
    assert send_question_email(question.pk) == 1
    Post.objects.filter(pk=question.pk).update(hidden=True)
    assert send_question_email(question.pk) == 0
    assert send_question_email(987654) == 0
    assert len(mailoutbox) == 1


def test_page_without_recipients_emails_nobody(question, policy, mailoutbox):
    assert send_question_email(question.pk) == 0
    assert mailoutbox == []


def test_question_on_a_translation_links_to_that_translation(
    client, lesson, student, instructor, locales, mailoutbox, django_capture_on_commit_callbacks
):
    from wagtail.models import Locale

    spanish = lesson.copy_for_translation(Locale.objects.get(language_code="es"))
    spanish.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        login(client, student).post(f"/es/discussions/{spanish.pk}/post/", {"body": "¿Por qué verde?"})
    post = Post.objects.get()
    assert f"http://localhost/es/photosynthesis/#post-{post.pk}" in mailoutbox[0].body
