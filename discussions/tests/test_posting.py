"""Posting questions and replies through the discussion's form targets."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from discussions.models import MAX_POST_LENGTH, Post, Thread

from .conftest import login
from .factories import PostFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def post_url(page):
    return f"/en/discussions/{page.pk}/post/"


def reply_url(post):
    return f"/en/discussions/post/{post.pk}/reply/"


def message_texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_student_posts_a_question_and_lands_on_it(client, lesson, student):
    response = login(client, student).post(post_url(lesson), {"body": "Why are leaves **green**?"})
    post = Post.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{lesson.url}#post-{post.pk}"
    assert message_texts(response) == ["Your question is posted."]
    assert (post.author, post.parent, post.thread.page_key) == (student, None, lesson.translation_key)
    assert post.body_html == "<p>Why are leaves <strong>green</strong>?</p>"


def test_anonymous_visitor_is_sent_to_log_in_and_nothing_is_posted(client, lesson):
    response = client.post(post_url(lesson), {"body": "Hello"})
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
    assert not Post.objects.exists()


def test_get_on_a_form_target_goes_back_to_the_page(client, lesson, student):
    response = login(client, student).get(post_url(lesson))
    assert response.status_code == 302
    assert response["Location"] == f"{lesson.url}#discussion"
    assert not Post.objects.exists()


def test_forms_are_csrf_protected(lesson, student):
    client = Client(enforce_csrf_checks=True)
    client.force_login(student)
    assert client.post(post_url(lesson), {"body": "Hello"}).status_code == 403
    assert not Post.objects.exists()


def test_user_the_page_refuses_gets_its_reason(client, lesson, outsider):
    response = login(client, outsider).post(post_url(lesson), {"body": "Let me in"})
    assert response["Location"] == f"{lesson.url}#discussion"
    assert message_texts(response) == ["Enroll in this course to join the discussion."]
    assert not Post.objects.exists()


def test_page_without_a_discussion_refuses_posts(client, plain_page, student):
    response = login(client, student).post(post_url(plain_page), {"body": "Hello"})
    assert response["Location"] == f"{plain_page.url}#discussion"
    assert message_texts(response) == ["This page has no discussion."]
    assert not Thread.objects.exists()


@pytest.mark.parametrize("body", ["", "   \n\t ", None])
def test_empty_post_is_refused(client, lesson, student, body):
    data = {} if body is None else {"body": body}
    response = login(client, student).post(post_url(lesson), data)
    assert response.status_code == 302
    assert message_texts(response) == ["Write something before posting."]
    assert not Post.objects.exists()


def test_too_long_post_is_refused(client, lesson, student):
    response = login(client, student).post(post_url(lesson), {"body": "a" * (MAX_POST_LENGTH + 1)})
    assert message_texts(response) == [f"A post can be at most {MAX_POST_LENGTH} characters long; this one has 5001."]
    assert not Post.objects.exists()


def test_post_of_exactly_the_maximum_length_is_accepted(client, lesson, student):
    login(client, student).post(post_url(lesson), {"body": "a" * MAX_POST_LENGTH})
    assert Post.objects.count() == 1


@pytest.mark.parametrize("path", ["/en/discussions/999999/post/", "/en/discussions/99999999999999999999/post/"])
def test_unknown_page_is_not_found(client, lesson, student, path):
    assert login(client, student).post(path, {"body": "Hello"}).status_code == 404


def test_unpublished_page_is_not_found(client, lesson, student):
    draft = StandardPageFactory(parent=lesson, live=False)
    assert login(client, student).post(post_url(draft), {"body": "Hello"}).status_code == 404


def test_reply_attaches_to_the_question(client, question, other_student):
    response = login(client, other_student).post(reply_url(question), {"body": "Chlorophyll absorbs light."})
    answer = Post.objects.get(parent=question)
    assert response["Location"].endswith(f"#post-{answer.pk}")
    assert message_texts(response) == ["Your reply is posted."]
    assert answer.thread == question.thread


def test_reply_to_a_reply_answers_the_question_instead(client, question, other_student, student):
    answer = PostFactory(thread=question.thread, parent=question, author=other_student)
    login(client, student).post(reply_url(answer), {"body": "Thanks!"})
    thanks = Post.objects.get(body="Thanks!")
    assert thanks.parent == question


def test_reply_to_a_hidden_post_is_refused(client, question, other_student):
    Post.objects.filter(pk=question.pk).update(hidden=True)
    response = login(client, other_student).post(reply_url(question), {"body": "Hm"})
    assert message_texts(response) == ["This post was hidden by a moderator; it cannot be answered."]
    assert Post.objects.count() == 1


def test_reply_to_a_reply_of_a_hidden_question_is_refused(client, question, other_student, student):
    answer = PostFactory(thread=question.thread, parent=question, author=other_student)
    Post.objects.filter(pk=question.pk).update(hidden=True)
    login(client, student).post(reply_url(answer), {"body": "Hm"})
    assert Post.objects.count() == 2


def test_outsider_cannot_reply(client, question, outsider):
    response = login(client, outsider).post(reply_url(question), {"body": "Hi"})
    assert message_texts(response) == ["Enroll in this course to join the discussion."]
    assert Post.objects.count() == 1


def test_empty_reply_is_refused(client, question, other_student):
    response = login(client, other_student).post(reply_url(question), {"body": ""})
    assert message_texts(response) == ["Write something before posting."]
    assert Post.objects.count() == 1


@pytest.mark.parametrize("action", ["reply", "edit", "flag", "hide", "unhide"])
def test_unknown_post_is_not_found(client, lesson, student, action):
    assert login(client, student).post(f"/en/discussions/post/424242/{action}/", {"body": "x"}).status_code == 404


def test_markup_in_a_post_never_survives(client, lesson, student):
    body = '<script>alert(1)</script> <img src=x onerror="alert(2)"> [x](javascript:alert(3))'
    login(client, student).post(post_url(lesson), {"body": body})
    html = Post.objects.get().body_html
    assert "<script" not in html and "<img" not in html and "javascript:" not in html
    rendered = client.get(lesson.url).content.decode()
    assert "<script>alert(1)" not in rendered
    assert "<img src=x" not in rendered
    assert "&lt;img src=x" in rendered  # shown as the text it was


def test_every_language_version_shares_one_discussion(client, lesson, student, locales):
    from wagtail.models import Locale

    spanish = lesson.copy_for_translation(Locale.objects.get(language_code="es"))
    spanish.save_revision().publish()
    login(client, student).post(f"/es/discussions/{spanish.pk}/post/", {"body": "¿Por qué?"})
    assert Thread.objects.get().page_key == lesson.translation_key
    assert "¿Por qué?" in client.get(lesson.url).content.decode()
    assert "¿Por qué?" in client.get(spanish.url).content.decode()


def test_nul_characters_are_dropped_not_a_server_error(client, lesson, student):
    login(client, student).post(post_url(lesson), {"body": "nul\x00here"})
    assert Post.objects.get().body == "nulhere"
    response = client.post(post_url(lesson), {"body": "\x00\x00"})
    assert message_texts(response)[-1] == "Write something before posting."
