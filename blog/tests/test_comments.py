"""Comments on posts, through the discussions app: signed-in users comment, new accounts'
comments wait for a moderator's approval, anyone can report, moderators hide; closed
comments, drafts and anonymous visitors are refused with a clear message and nothing
changes; the post's author is told of comments and a commenter of replies."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from accounts.tests.factories import UserFactory
from discussions.models import Flag, Post

from .factories import BlogAuthorFactory, post

pytestmark = pytest.mark.django_db


def old_account(email, **kwargs):
    """A verified account older than the hold (AULA_DISCUSSION_HOLD_NEW_ACCOUNTS_DAYS)."""
    user = UserFactory(email=email, verified=True, **kwargs)
    user.date_joined = timezone.now() - timedelta(days=30)
    user.save(update_fields=["date_joined"])
    return user


@pytest.fixture
def reader():
    return old_account("reader@example.com", display_name="Rae Reader")


@pytest.fixture
def newcomer():
    return UserFactory(email="new@example.com", verified=True, display_name="Nia New")


@pytest.fixture
def moderator():
    return old_account("mod@example.com", display_name="Mo Derator", groups=["Moderators"])


@pytest.fixture
def writer():
    return old_account("writer@example.com", display_name="Wren Writer", groups=["Instructors"])


@pytest.fixture
def article(en_blog, writer):
    return post(title="Captions for everyone", author=BlogAuthorFactory(name="Wren Writer", user=writer))


def comment(client, user, page, body="Thank you for this post!"):
    if user is not None:
        client.force_login(user)
    return client.post(f"/en/discussions/{page.pk}/post/", {"body": body})


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_signed_in_reader_comments_and_everyone_reads_it(client, reader, article):
    response = comment(client, reader, article)
    assert response.status_code == 302
    assert Post.objects.get().held is False
    client.logout()
    assert "Thank you for this post!" in client.get(article.url).content.decode()


def test_a_new_accounts_comment_waits_for_a_moderators_approval(client, newcomer, moderator, article):
    response = comment(client, newcomer, article, "First!")
    assert "will appear once a moderator approves it" in messages_of(response)[0]
    held = Post.objects.get()
    assert held.held
    assert "First!" in client.get(article.url).content.decode()  # its author sees it, marked
    client.logout()
    assert "First!" not in client.get(article.url).content.decode()  # nobody else does
    client.force_login(moderator)
    page = client.get(article.url).content.decode()
    assert "First!" in page and "Awaiting approval" in page
    client.post(f"/en/discussions/post/{held.pk}/approve/")
    held.refresh_from_db()
    assert not held.held and held.approved_by == moderator
    client.logout()
    assert "First!" in client.get(article.url).content.decode()


def test_an_unverified_address_counts_as_a_new_account(settings, client, article):
    settings.AULA_DISCUSSION_HOLD_NEW_ACCOUNTS_DAYS = 0
    unverified = old_account("unverified@example.com")
    unverified.emailaddress_set.update(verified=False)
    comment(client, unverified, article)
    assert Post.objects.get().held


def test_only_moderators_approve(client, newcomer, reader, article):
    comment(client, newcomer, article)
    held = Post.objects.get()
    client.force_login(reader)
    response = client.post(f"/en/discussions/post/{held.pk}/approve/")
    assert messages_of(response)[-1] == "Only moderators can do that."
    held.refresh_from_db()
    assert held.held


def test_anonymous_visitors_are_sent_to_log_in_and_nothing_is_posted(client, article):
    response = comment(client, None, article)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Post.objects.exists()
    assert "Log in to comment." in client.get(article.url).content.decode()


def test_closed_comments_are_refused_with_a_clear_message(client, reader, article):
    article.comments_open = False
    article.save_revision().publish()
    response = comment(client, reader, article)
    assert messages_of(response) == ["Comments are closed on this post."]
    assert not Post.objects.exists()
    assert "Comments are closed on this post." in client.get(article.url).content.decode()


def test_a_draft_post_cannot_be_commented_on(client, reader, en_blog):
    from discussions.services import DiscussionError, post_question

    draft = post(publish=False)
    assert comment(client, reader, draft).status_code == 404
    with pytest.raises(DiscussionError) as refusal:
        post_question(draft, reader, "Hello")
    assert refusal.value.message == "This post is not published: it cannot be commented on."
    assert not Post.objects.exists()


@pytest.mark.parametrize("body", ["", "   ", "x" * 5001])
def test_an_empty_or_too_long_comment_is_refused(client, reader, article, body):
    response = comment(client, reader, article, body)
    assert messages_of(response)[0].startswith(("Write something", "A post can be at most"))
    assert not Post.objects.exists()


def test_a_script_or_javascript_link_in_a_comment_renders_harmless(client, reader, article):
    comment(
        client, reader, article, "<script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror=alert(3)>"
    )
    html = client.get(article.url).content.decode()
    body = html.split('class="discussion-body')[1].split("</div>")[0]
    assert "<script>" not in body and "&lt;script&gt;" in body
    assert "javascript:" not in body
    assert "<img" not in body  # the image tag is text, never an element with its handler


def test_anyone_signed_in_reports_and_a_moderator_hides(client, reader, moderator, article):
    other = old_account("other@example.com")
    comment(client, other, article, "Buy cheap pills")
    spam = Post.objects.get()
    client.force_login(reader)
    client.post(f"/en/discussions/post/{spam.pk}/flag/", {"reason": "spam"})
    assert Flag.objects.filter(post=spam, user=reader).exists()
    client.force_login(moderator)
    client.post(f"/en/discussions/post/{spam.pk}/hide/")
    spam.refresh_from_db()
    assert spam.hidden
    client.logout()
    assert "Buy cheap pills" not in client.get(article.url).content.decode()


def test_the_posts_author_is_told_of_comments(client, reader, writer, article, mailoutbox, each_request_commits):
    comment(client, reader, article, "Lovely post")
    assert [email.to for email in mailoutbox] == [[writer.email]]
    assert "Lovely post" in mailoutbox[0].body


def test_a_held_comment_tells_the_author_only_once_approved(
    client, newcomer, moderator, writer, article, mailoutbox, each_request_commits
):
    comment(client, newcomer, article, "Waiting")
    assert mailoutbox == []
    client.force_login(moderator)
    client.post(f"/en/discussions/post/{Post.objects.get().pk}/approve/")
    assert [email.to for email in mailoutbox] == [[writer.email]]


def test_a_commenter_is_told_of_replies(client, reader, writer, article, mailoutbox, each_request_commits):
    comment(client, reader, article, "Will there be a sequel?")
    question = Post.objects.get()
    mailoutbox.clear()
    client.force_login(writer)
    client.post(f"/en/discussions/post/{question.pk}/reply/", {"body": "Yes, next week."})
    assert [email.to for email in mailoutbox] == [[reader.email]]
    assert mailoutbox[0].subject == "A reply to your comment on “Captions for everyone”"
    assert "Yes, next week." in mailoutbox[0].body


def test_a_held_reply_cannot_answer_and_a_held_comment_cannot_be_answered(client, newcomer, reader, article):
    comment(client, newcomer, article, "Held question")
    held = Post.objects.get()
    client.force_login(reader)
    response = client.post(f"/en/discussions/post/{held.pk}/reply/", {"body": "An answer"})
    assert "awaiting a moderator's approval" in messages_of(response)[-1]
    assert Post.objects.count() == 1


def test_comments_are_shared_by_a_posts_translations(client, reader, article, locales):
    from core.translations import fill_translation

    comment(client, reader, article, "A comment in English")
    spanish = fill_translation(article, locales["es"].locale, {"Captions for everyone": "Subtítulos para todos"})
    client.logout()
    html = client.get(spanish.url).content.decode()
    assert "Subtítulos para todos" in html and "A comment in English" in html
