"""Authors correct their own posts within the edit window, and only then."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from discussions.models import Post

from .conftest import login
from .factories import PostFactory

pytestmark = pytest.mark.django_db


def edit_url(post):
    return f"/en/discussions/post/{post.pk}/edit/"


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def age(post, minutes):
    Post.objects.filter(pk=post.pk).update(created=timezone.now() - timedelta(minutes=minutes))


def test_author_edits_within_the_window_and_the_post_is_marked_edited(client, question, student):
    response = login(client, student).post(edit_url(question), {"body": "What is _chlorophyll_ for?"})
    question.refresh_from_db()
    assert response["Location"].endswith(f"#post-{question.pk}")
    assert messages_of(response) == ["Your post is updated."]
    assert question.body == "What is _chlorophyll_ for?"
    assert question.body_html == "<p>What is <em>chlorophyll</em> for?</p>"
    assert question.edited_at is not None


def test_edit_after_the_window_is_refused(client, question, student):
    age(question, 16)
    response = login(client, student).post(edit_url(question), {"body": "Changed"})
    assert messages_of(response) == ["Posts can only be edited in the first 15 minutes after posting."]
    question.refresh_from_db()
    assert (question.body, question.edited_at) == ("What is **chlorophyll**?", None)


def test_edit_window_follows_the_setting(client, question, student, settings):
    settings.AULA_DISCUSSION_EDIT_WINDOW_MINUTES = 30
    age(question, 20)
    login(client, student).post(edit_url(question), {"body": "Changed"})
    question.refresh_from_db()
    assert question.body == "Changed"


def test_editing_someone_elses_post_is_refused(client, question, other_student):
    response = login(client, other_student).post(edit_url(question), {"body": "Vandalised"})
    assert messages_of(response) == ["You can only edit your own posts."]
    question.refresh_from_db()
    assert question.body == "What is **chlorophyll**?"


def test_even_a_moderator_cannot_rewrite_someone_elses_post(client, question, moderator):
    login(client, moderator).post(edit_url(question), {"body": "Rewritten"})
    question.refresh_from_db()
    assert question.body == "What is **chlorophyll**?"


def test_edit_to_an_empty_post_is_refused(client, question, student):
    response = login(client, student).post(edit_url(question), {"body": "  "})
    assert messages_of(response) == ["Write something before posting."]
    question.refresh_from_db()
    assert question.body == "What is **chlorophyll**?"


def test_edit_to_a_too_long_post_is_refused(client, question, student):
    login(client, student).post(edit_url(question), {"body": "b" * 5001})
    question.refresh_from_db()
    assert question.body == "What is **chlorophyll**?"


def test_hidden_post_cannot_be_edited(client, question, student):
    Post.objects.filter(pk=question.pk).update(hidden=True)
    response = login(client, student).post(edit_url(question), {"body": "Nicer now"})
    assert messages_of(response) == ["This post was hidden by a moderator; it cannot be edited."]
    question.refresh_from_db()
    assert question.body == "What is **chlorophyll**?"


def test_author_edits_a_reply(client, question, other_student):
    answer = PostFactory(thread=question.thread, parent=question, author=other_student, body="Green stuff")
    login(client, other_student).post(edit_url(answer), {"body": "A green pigment"})
    answer.refresh_from_db()
    assert answer.body == "A green pigment"


def test_unchanged_edit_does_not_mark_the_post_edited(client, question, student):
    login(client, student).post(edit_url(question), {"body": "What is **chlorophyll**?"})
    question.refresh_from_db()
    assert question.edited_at is None
