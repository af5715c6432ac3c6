"""``{% discussion page %}`` on a page: what each person sees, in how many queries."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from discussions.models import Post

from .conftest import login
from .factories import FlagFactory, PostFactory, ThreadFactory, UserFactory

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def section(html):
    start = html.index('<section id="discussion"')
    return html[start : html.index("</section>", start)]


def test_anonymous_visitor_reads_and_is_invited_to_log_in(client, question):
    html = section(client.get(question.thread.page().url).content.decode())
    assert '<h2 id="discussion-heading">Discussion</h2>' in html
    assert "What is <strong>chlorophyll</strong>?" in html
    assert "Stu Dent" in html
    assert 'href="/en/accounts/login/?next=/en/photosynthesis/%23discussion"' in html
    assert "<form" not in html


def test_member_gets_a_labelled_question_form(client, lesson, student):
    html = section(login(client, student).get(lesson.url).content.decode())
    assert f'action="/en/discussions/{lesson.pk}/post/"' in html
    assert '<label class="form-label" for="discussion-body">Your question' in html
    assert (
        '<textarea name="body" cols="40" rows="4" maxlength="5000" class="form-control"'
        ' aria-describedby="discussion-body_help" required id="discussion-body">'
    ) in html
    assert "No questions yet." in html


def test_outsider_reads_the_policys_reason(client, question, outsider):
    html = section(login(client, outsider).get(question.thread.page().url).content.decode())
    assert "Enroll in this course to join the discussion." in html
    assert "<textarea" not in html and "/reply/" not in html


def test_questions_newest_first_with_replies_oldest_first(client, question, student, other_student):
    now = timezone.now()
    newer = PostFactory(thread=question.thread, author=other_student, body="Newer question")
    first = PostFactory(thread=question.thread, parent=question, author=other_student, body="First answer")
    second = PostFactory(thread=question.thread, parent=question, author=student, body="Second answer")
    Post.objects.filter(pk=question.pk).update(created=now - timedelta(hours=3))
    Post.objects.filter(pk=first.pk).update(created=now - timedelta(hours=2))
    Post.objects.filter(pk=second.pk).update(created=now - timedelta(hours=1))
    html = section(client.get(question.thread.page().url).content.decode())
    order = [html.index(text) for text in ["Newer question", "chlorophyll", "First answer", "Second answer"]]
    assert order == sorted(order)
    assert re.search(r'<h3 class="h6 mb-0" id="post-\d+-author">Otto Other</h3>', html)
    assert re.search(r'<h4 class="h6 mb-0" id="post-\d+-author">Otto Other</h4>', html)
    assert f'id="post-{newer.pk}"' in html


def test_author_sees_edit_only_within_the_window_and_edited_mark(client, question, student):
    page = question.thread.page()
    login(client, student)
    assert f'action="/en/discussions/post/{question.pk}/edit/"' in client.get(page.url).content.decode()
    Post.objects.filter(pk=question.pk).update(
        created=timezone.now() - timedelta(minutes=20), edited_at=timezone.now() - timedelta(minutes=19)
    )
    html = section(client.get(page.url).content.decode())
    assert "/edit/" not in html
    assert '<span class="discussion-edited">edited</span>' in html


def test_other_participants_can_reply_and_report_but_not_edit(client, question, other_student):
    html = section(login(client, other_student).get(question.thread.page().url).content.decode())
    assert f"/discussions/post/{question.pk}/reply/" in html
    assert f"/discussions/post/{question.pk}/flag/" in html
    assert "/edit/" not in html
    assert "/hide/" not in html and "/lock/" not in html


def test_reported_post_says_so_to_the_reporter(client, question, other_student):
    FlagFactory(post=question, user=other_student)
    html = section(login(client, other_student).get(question.thread.page().url).content.decode())
    assert "You reported this post." in html
    assert "/flag/" not in html


def test_hidden_post_is_a_notice_for_participants(client, question, other_student):
    Post.objects.filter(pk=question.pk).update(hidden=True)
    html = section(login(client, other_student).get(question.thread.page().url).content.decode())
    assert "This post was hidden by a moderator." in html
    assert "chlorophyll" not in html
    assert "/reply/" not in html and "/flag/" not in html


def test_moderator_sees_hidden_post_in_full_with_unhide_and_report_count(client, question, moderator, other_student):
    Post.objects.filter(pk=question.pk).update(hidden=True)
    FlagFactory(post=question, user=other_student)
    html = section(login(client, moderator).get(question.thread.page().url).content.decode())
    assert "What is <strong>chlorophyll</strong>?" in html
    assert f'action="/en/discussions/post/{question.pk}/unhide/"' in html
    assert 'Unhide<span class="visually-hidden"> the post by Stu Dent</span>' in html
    assert "Reported once" in html
    assert "Lock the discussion" in html


def test_locked_discussion_shows_a_notice_and_no_forms_to_participants(client, question, moderator, student):
    login(client, moderator).post(f"/en/discussions/{question.thread.page().pk}/lock/")
    html = section(login(client, student).get(question.thread.page().url).content.decode())
    assert "This discussion is locked: no new posts or edits." in html
    assert "<textarea" not in html
    assert "/flag/" not in html  # own post; nothing else to do


def test_author_names_are_escaped(client, lesson):
    author = UserFactory(display_name="<script>alert(1)</script>")
    PostFactory(thread=ThreadFactory(page=lesson), author=author)
    html = client.get(lesson.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_questions_are_paginated(client, lesson, student):
    thread = ThreadFactory(page=lesson)
    PostFactory.create_batch(25, thread=thread, author=student)
    first = section(client.get(lesson.url).content.decode())
    assert first.count('class="discussion-question') == 20
    assert 'href="?discussion_page=2#discussion">Older questions' in first
    second = section(client.get(lesson.url, {"discussion_page": 2}).content.decode())
    assert second.count('class="discussion-question') == 5
    assert 'href="?discussion_page=1#discussion">Newer questions' in second


@pytest.mark.parametrize("number", ["abc", "-3", "0", "99999999999999999999999", ""])
def test_bad_discussion_page_numbers_never_fail(client, lesson, student, number):
    PostFactory(thread=ThreadFactory(page=lesson), author=student)
    response = client.get(lesson.url, {"discussion_page": number})
    assert response.status_code == 200


def test_page_beyond_the_last_offers_the_newest(client, question):
    html = section(client.get(question.thread.page().url, {"discussion_page": 9}).content.decode())
    assert 'href="?discussion_page=1#discussion"' in html


def test_page_without_a_discussion_renders_nothing(plain_page, rf):
    request = rf.get("/")
    request.user = UserFactory()
    html = Template("{% load discussion_tags %}{% discussion page %}").render(
        Context({"page": plain_page, "request": request})
    )
    assert html.strip() == ""


def populate(page, questions, replies_each=2):
    thread = ThreadFactory(page=page)
    people = UserFactory.create_batch(5)
    for index in range(questions):
        question = PostFactory(thread=thread, author=people[index % 5], hidden=index % 7 == 0)
        for reply_index in range(replies_each):
            answer = PostFactory(thread=thread, parent=question, author=people[(index + reply_index) % 5])
            FlagFactory(post=answer, user=people[(index + reply_index + 1) % 5])


@pytest.mark.parametrize("viewer", ["student", "moderator"])
def test_tag_renders_100_posts_in_five_queries(lesson, request, django_assert_max_num_queries, viewer):
    populate(lesson, 100)
    http_request = RequestFactory().get(lesson.url)
    http_request.user = request.getfixturevalue(viewer)
    template = Template("{% load discussion_tags %}{% discussion page %}")
    with django_assert_max_num_queries(5):
        html = template.render(Context({"page": lesson, "request": http_request}))
    assert html.count('class="discussion-question') == 20


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_page_query_count_does_not_grow_with_posts(client, lesson, student, no_caching):
    login(client, student).get(lesson.url)  # warm the session, site and settings caches
    populate(lesson, 10)
    few = count_queries(client, lesson.url)
    thread = Post.objects.first().thread
    for _ in range(90):
        PostFactory(thread=thread, parent=PostFactory(thread=thread), author=student)
    assert count_queries(client, lesson.url) == few


def test_discussion_templates_have_no_inline_script_or_style():
    for path in TEMPLATES.glob("**/*.html"):
        source = path.read_text()
        assert not re.search(r"<script|\sstyle=|\son[a-z]+=", source, re.I), path
