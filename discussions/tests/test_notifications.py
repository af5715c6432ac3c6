"""A question from someone who cannot moderate notifies the page's recipients (kind
``discussions.question``), e-mailed through django-q2 (in-process in the test settings:
``Q_CLUSTER["sync"]``): at once when they had no such e-mail in the last
``AULA_DISCUSSION_DIGEST_MINUTES``, else gathered with the others into one e-mail when that
time is up (``notifications.delivery.send_due``, a django-q2 schedule)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from discussions.models import Post
from discussions.notifications import notice_question
from notifications.delivery import send_due as send_due_digests
from notifications.models import Delivery

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
    assert f"{settings.SITE_URL}/en/photosynthesis/#post-{post.pk}" in email.body


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


def test_task_skips_hidden_or_vanished_posts(question, instructor, mailoutbox, django_capture_on_commit_callbacks):
    Post.objects.filter(pk=question.pk).update(hidden=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert notice_question(question.pk) == 0
        assert notice_question(987654) == 0
    assert mailoutbox == []
    Post.objects.filter(pk=question.pk).update(hidden=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert notice_question(question.pk) == 1
    assert len(mailoutbox) == 1


def test_page_without_recipients_emails_nobody(question, policy, mailoutbox):
    assert notice_question(question.pk) == 0
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
    assert f"{settings.SITE_URL}/es/photosynthesis/#post-{post.pk}" in mailoutbox[0].body


# --- One e-mail per recipient per window ----------------------------------------------------


def ask_committed(client, page, user, body, capture):
    with capture(execute=True):
        ask(client, page, user, body)


def window_passes():
    """The digest window (10 minutes by default) is over for everyone told so far."""
    Delivery.objects.exclude(sent_at=None).update(sent_at=timezone.now() - timedelta(minutes=11))


@pytest.fixture
def asking(client, lesson, django_capture_on_commit_callbacks):
    def asking(user, body):
        ask_committed(client, lesson, user, body, django_capture_on_commit_callbacks)

    return asking


def test_questions_close_together_make_one_email_then_one_summary(
    asking, student, other_student, instructor, mailoutbox
):
    asking(student, "First question")
    asking(other_student, "Second question")
    asking(student, "Third question")
    assert [m.subject for m in mailoutbox] == ["New question on “Photosynthesis”"]
    assert send_due_digests() == 0  # the window is not over yet
    window_passes()
    assert send_due_digests() == 1
    summary = mailoutbox[1]
    assert summary.to == ["ines@example.com"]
    assert summary.subject == "2 new questions on Aula"
    assert "Otto Other asked a question in the discussion of “Photosynthesis”" in summary.body
    assert summary.body.index("Second question") < summary.body.index("Third question")
    assert "First question" not in summary.body
    for post in Post.objects.exclude(body="First question"):
        assert f"{settings.SITE_URL}/en/photosynthesis/#post-{post.pk}" in summary.body
    window_passes()
    assert send_due_digests() == 0  # nothing new: nothing sent
    assert len(mailoutbox) == 2


def test_sixty_one_students_asking_in_a_minute_make_two_emails_per_instructor(asking, policy, instructor, mailoutbox):
    from .factories import UserFactory

    second = UserFactory(email="second@example.com")
    policy.staff.add(second.pk)
    for n in range(61):
        student = UserFactory(display_name=f"Student {n}")
        policy.members.add(student.pk)
        asking(student, f"Question from student {n}")
    assert sorted(m.to[0] for m in mailoutbox) == ["ines@example.com", "second@example.com"]
    window_passes()
    assert send_due_digests() == 2
    summaries = mailoutbox[2:]
    assert sorted(m.to[0] for m in summaries) == ["ines@example.com", "second@example.com"]
    assert {m.subject for m in summaries} == {"60 new questions on Aula"}
    body = summaries[0].body
    assert "Question from student 1\n" in body and "Question from student 20\n" in body
    assert "Question from student 21\n" not in body  # a summary lists 20 and counts the rest
    assert "…and 40 more questions." in body


def test_a_question_hidden_before_the_summary_is_left_out(asking, student, instructor, mailoutbox):
    asking(student, "First question")
    asking(student, "Spam spam spam")
    asking(student, "A real one")
    Post.objects.filter(body="Spam spam spam").update(hidden=True)
    window_passes()
    send_due_digests()
    assert "Spam" not in mailoutbox[1].body and "A real one" in mailoutbox[1].body
    assert mailoutbox[1].subject == "New question on “Photosynthesis”"


def test_nothing_to_tell_starts_no_window(asking, student, instructor, mailoutbox):
    asking(student, "First question")
    asking(student, "Spam spam spam")
    Post.objects.filter(body="Spam spam spam").update(hidden=True)
    window_passes()
    assert send_due_digests() == 0
    asking(student, "Asked later")  # no e-mail in the last window: sent at once
    assert [m.body.count("Asked later") for m in mailoutbox] == [0, 1]


def test_each_recipient_has_their_own_window(asking, policy, student, instructor, mailoutbox):
    from .factories import UserFactory

    asking(student, "First question")
    newcomer = UserFactory(email="new@example.com")
    policy.staff.add(newcomer.pk)
    asking(student, "Second question")
    assert [m.to[0] for m in mailoutbox] == ["ines@example.com", "new@example.com"]


def test_someone_no_longer_a_recipient_is_not_sent_the_summary(asking, policy, student, instructor, mailoutbox):
    asking(student, "First question")
    asking(student, "Second question")
    policy.staff.discard(instructor.pk)
    window_passes()
    assert send_due_digests() == 0
    assert len(mailoutbox) == 1


def test_a_failed_send_keeps_the_questions_for_the_next_run(asking, student, instructor, mailoutbox, monkeypatch):
    asking(student, "First question")
    asking(student, "Second question")
    window_passes()
    with monkeypatch.context() as broken:
        broken.setattr("django.core.mail.EmailMessage.send", lambda message, **kwargs: 1 / 0)
        assert send_due_digests() == 0  # logged; the next run tries again
    assert send_due_digests() == 1
    assert "Second question" in mailoutbox[1].body


def test_the_window_is_a_setting(asking, student, instructor, mailoutbox, settings):
    settings.AULA_DISCUSSION_DIGEST_MINUTES = 0
    asking(student, "First question")
    asking(student, "Second question")
    assert len(mailoutbox) == 2


def test_summaries_are_sent_every_minute_by_the_cluster():
    from django_q.models import Schedule

    schedule = Schedule.objects.get(func="notifications.delivery.send_due")
    assert (schedule.schedule_type, schedule.minutes, schedule.repeats) == (Schedule.MINUTES, 1, -1)


def test_recipient_who_chose_spanish_is_written_to_in_spanish(asking, student, instructor, mailoutbox):
    instructor.language = "es"
    instructor.save()
    asking(student, "First question")
    assert mailoutbox[0].subject == "Nueva pregunta en “Photosynthesis”"
