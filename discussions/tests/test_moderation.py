"""Flags from participants; hiding, unhiding and locking by moderators and the page's staff."""

import pytest
from django.contrib.messages import get_messages

from discussions.models import Flag, Post, Thread

from .conftest import login
from .factories import PostFactory

pytestmark = pytest.mark.django_db


def url(post, action):
    return f"/en/discussions/post/{post.pk}/{action}/"


def message_of(response):
    """The message this response added (earlier, unread ones are still in the cookie)."""
    return [str(m) for m in get_messages(response.wsgi_request)][-1]


# --- Flags ---------------------------------------------------------------------------------


def test_participant_flags_someone_elses_post(client, question, other_student):
    response = login(client, other_student).post(url(question, "flag"), {"reason": "Off topic"})
    flag = Flag.objects.get()
    assert (flag.post, flag.user, flag.reason) == (question, other_student, "Off topic")
    assert message_of(response) == "Thank you: a moderator will look at this post."
    assert response["Location"].endswith(f"#post-{question.pk}")


def test_flagging_twice_is_refused(client, question, other_student):
    login(client, other_student).post(url(question, "flag"), {"reason": "Spam"})
    response = client.post(url(question, "flag"), {"reason": "Spam!!"})
    assert message_of(response) == "You have already reported this post."
    assert Flag.objects.get().reason == "Spam"


def test_flagging_ones_own_post_is_refused(client, question, student):
    response = login(client, student).post(url(question, "flag"))
    assert message_of(response) == "You cannot report your own post."
    assert not Flag.objects.exists()


def test_flag_reason_is_optional_but_not_unlimited(client, question, other_student):
    response = login(client, other_student).post(url(question, "flag"), {"reason": "x" * 301})
    assert message_of(response) == "The reason can be at most 300 characters long."
    assert not Flag.objects.exists()
    client.post(url(question, "flag"))
    assert Flag.objects.get().reason == ""


def test_hidden_post_cannot_be_flagged(client, question, other_student):
    Post.objects.filter(pk=question.pk).update(hidden=True)
    login(client, other_student).post(url(question, "flag"))
    assert not Flag.objects.exists()


def test_anonymous_visitor_cannot_flag(client, question):
    response = client.post(url(question, "flag"))
    assert response["Location"].startswith("/en/accounts/login/")
    assert not Flag.objects.exists()


# --- Hiding --------------------------------------------------------------------------------


def test_student_cannot_hide_posts(client, question, other_student):
    response = login(client, other_student).post(url(question, "hide"))
    assert message_of(response) == "Only moderators can do that."
    question.refresh_from_db()
    assert not question.hidden


def test_moderator_hides_and_unhides_a_post(client, question, moderator):
    response = login(client, moderator).post(url(question, "hide"))
    question.refresh_from_db()
    assert message_of(response) == "The post is hidden."
    assert (question.hidden, question.hidden_by) == (True, moderator)
    assert question.hidden_at is not None

    client.post(url(question, "unhide"))
    question.refresh_from_db()
    assert (question.hidden, question.hidden_by, question.hidden_at) == (False, None, None)


def test_pages_staff_moderate_too(client, question, instructor):
    login(client, instructor).post(url(question, "hide"))
    question.refresh_from_db()
    assert question.hidden_by == instructor


def test_superuser_moderates(client, question, django_user_model):
    admin = django_user_model.objects.create_superuser("root@example.com", "a-Strong-pass-2026")
    login(client, admin).post(url(question, "hide"))
    question.refresh_from_db()
    assert question.hidden


def test_student_cannot_unhide_posts(client, question, moderator, other_student):
    login(client, moderator).post(url(question, "hide"))
    login(client, other_student).post(url(question, "unhide"))
    question.refresh_from_db()
    assert question.hidden


def test_moderator_of_a_page_without_discussion_cannot_hide(client, moderator, plain_page, student):
    """The page decides, even for site moderators: this page has no discussion."""
    post = PostFactory(thread=Thread.objects.create(page_key=plain_page.translation_key), author=student)
    login(client, moderator).post(url(post, "hide"))
    post.refresh_from_db()
    assert not post.hidden


# --- Locking -------------------------------------------------------------------------------


def lock_url(page, action="lock"):
    return f"/en/discussions/{page.pk}/{action}/"


def test_student_cannot_lock_the_discussion(client, lesson, student):
    response = login(client, student).post(lock_url(lesson))
    assert message_of(response) == "Only moderators can do that."
    assert not Thread.objects.filter(locked=True).exists()


def test_moderator_locks_and_unlocks_the_discussion(client, lesson, moderator):
    response = login(client, moderator).post(lock_url(lesson))
    thread = Thread.objects.get()
    assert message_of(response) == "The discussion is locked."
    assert (thread.locked, thread.locked_by) == (True, moderator)
    client.post(lock_url(lesson, "unlock"))
    thread.refresh_from_db()
    assert (thread.locked, thread.locked_by, thread.locked_at) == (False, None, None)


def test_locked_discussion_refuses_questions_replies_and_edits(client, question, moderator, student, other_student):
    login(client, moderator).post(lock_url(question.thread.page()))
    expected = "This discussion is locked: no new posts or edits."

    login(client, other_student)
    assert message_of(client.post(f"/en/discussions/{question.thread.page().pk}/post/", {"body": "Hi"})) == expected
    assert message_of(client.post(url(question, "reply"), {"body": "Hi"})) == expected
    login(client, student)
    assert message_of(client.post(url(question, "edit"), {"body": "Changed"})) == expected
    question.refresh_from_db()
    assert question.body == "What is **chlorophyll**?"
    assert Post.objects.count() == 1


def test_moderator_can_still_post_in_a_locked_discussion(client, question, moderator):
    login(client, moderator).post(lock_url(question.thread.page()))
    client.post(url(question, "reply"), {"body": "Closing this: see the FAQ."})
    assert Post.objects.filter(author=moderator).exists()


def test_unlocking_a_discussion_that_never_started_changes_nothing(client, lesson, moderator):
    response = login(client, moderator).post(lock_url(lesson, "unlock"))
    assert response.status_code == 302
    assert not Thread.objects.exists()


def test_nul_characters_in_a_reason_are_dropped(client, question, other_student):
    login(client, other_student).post(url(question, "flag"), {"reason": "bad\x00"})
    assert Flag.objects.get().reason == "bad"
