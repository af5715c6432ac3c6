"""How often one person may post: ``AULA_DISCUSSION_POSTS_PER_HOUR`` questions and replies
together in any hour (20 by default), then a message saying when they may post again and
nothing saved. Whoever moderates the page (its staff, site moderators) is not counted."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from discussions.models import Post

from .conftest import login

pytestmark = pytest.mark.django_db


def ask(client, page, body):
    return client.post(f"/en/discussions/{page.pk}/post/", {"body": body})


def answer(client, post, body):
    return client.post(f"/en/discussions/post/{post.pk}/reply/", {"body": body})


def message_of(response):
    """The message this request added (the ones before it wait in the session, unread)."""
    return [str(m) for m in get_messages(response.wsgi_request)][-1]


@pytest.fixture
def three_an_hour(settings):
    settings.AULA_DISCUSSION_POSTS_PER_HOUR = 3


def test_sixty_one_questions_in_a_minute_stop_at_the_default_limit(client, lesson, student):
    login(client, student)
    responses = [ask(client, lesson, f"Question {n}") for n in range(61)]
    assert Post.objects.count() == 20
    assert all(response.status_code == 302 for response in responses)
    assert message_of(responses[20]) == (
        "You have posted 20 times in the last hour, the most allowed. You can post again in 60 minutes."
    )


def test_past_the_limit_a_question_is_refused_and_nothing_is_saved(client, lesson, student, three_an_hour):
    login(client, student)
    for n in range(3):
        assert message_of(ask(client, lesson, f"Question {n}")) == "Your question is posted."
    response = ask(client, lesson, "One too many")
    assert response["Location"] == f"{lesson.url}#discussion"
    assert "the most allowed" in message_of(response)
    assert not Post.objects.filter(body="One too many").exists()


def test_replies_count_towards_the_limit(client, lesson, student, question, three_an_hour):
    login(client, student)
    answer(client, question, "First")
    ask(client, lesson, "Second")
    answer(client, question, "Third")
    response = answer(client, question, "Fourth")
    assert "the most allowed" in message_of(response)
    assert not Post.objects.filter(body="Fourth").exists()


def test_the_message_says_when_posting_opens_again(client, lesson, student, three_an_hour):
    login(client, student)
    for n in range(3):
        ask(client, lesson, f"Question {n}")
    Post.objects.update(created=timezone.now() - timedelta(minutes=45))
    assert message_of(ask(client, lesson, "Too soon")) == (
        "You have posted 3 times in the last hour, the most allowed. You can post again in 15 minutes."
    )


def test_posts_older_than_an_hour_no_longer_count(client, lesson, student, three_an_hour):
    login(client, student)
    for n in range(3):
        ask(client, lesson, f"Question {n}")
    Post.objects.update(created=timezone.now() - timedelta(minutes=61))
    assert message_of(ask(client, lesson, "A new hour")) == "Your question is posted."


def test_limits_are_per_person(client, lesson, student, other_student, three_an_hour):
    login(client, student)
    for n in range(4):
        ask(client, lesson, f"Question {n}")
    login(client, other_student)
    assert message_of(ask(client, lesson, "Mine")) == "Your question is posted."


def test_page_staff_answering_many_questions_are_not_limited(client, lesson, instructor, question, three_an_hour):
    login(client, instructor)
    for n in range(5):
        answer(client, question, f"Answer {n}")
    assert Post.objects.filter(author=instructor).count() == 5


def test_editing_is_not_posting(client, lesson, student, three_an_hour):
    login(client, student)
    for n in range(3):
        ask(client, lesson, f"Question {n}")
    post = Post.objects.first()
    response = client.post(f"/en/discussions/post/{post.pk}/edit/", {"body": "Corrected"})
    assert message_of(response) == "Your post is updated."


def test_zero_turns_the_limit_off(client, lesson, student, settings):
    settings.AULA_DISCUSSION_POSTS_PER_HOUR = 0
    login(client, student)
    for n in range(25):
        ask(client, lesson, f"Question {n}")
    assert Post.objects.count() == 25
