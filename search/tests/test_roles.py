"""Per role: what the search lists, what it marks locked and why, and that it never shows
protected text (a paid resource's body, a resource's transcript lines, drafts)."""

import pytest

from accounts.roles import TRANSLATORS
from accounts.tests.factories import UserFactory
from courses.learning.enrollment import enroll
from courses.models import Enrollment
from courses.tests import factories

from .conftest import result_for, search

PAID_BODY = "Secret paid text"
PAID_LINE = "Paid spoken photosynthesis secret"
FREE_LINE = "Today we talk about"


def login(client, **kwargs):
    user = UserFactory(**kwargs)
    client.force_login(user)
    return user


def found(response):
    return {result.page.pk for result in response.context["results"]}


def assert_closed_to(client, botany, reason_text):
    """The paid lessons' words tell nothing (no result, no count): "glucose" is only in the
    paid reading's body, "secret" there and in the paid video's captions. Their titles list
    them, locked, with why, and nothing of their text."""
    for word in ("glucose", "secret"):
        response = search(client, word)
        assert response.context["results"] == [] and response.context["page_obj"].paginator.count == 0
        assert "0 results for" in response.content.decode()
    response = search(client, "paid")  # the paid video's title; the reading's body; the video's captions
    assert found(response) == {botany["paid_video"].pk}
    response = search(client, "sugars")  # the paid reading's title
    assert found(response) == {botany["reading"].pk}
    for key, word in (("reading", "sugars"), ("paid_video", "paid")):
        response = search(client, word)
        html = response.content.decode()
        result = result_for(response, botany[key])
        assert result.locked and reason_text in str(result.decision.message)
        assert result.lines == [] and result.excerpt_html == "" and not result.spoken
        assert PAID_BODY not in html and PAID_LINE not in html and "Said in this lesson" not in html
        assert 'sprite.svg#lock"' in html


@pytest.mark.django_db
def test_anonymous_visitor_finds_paid_lessons_by_title_only_and_locked(client, botany):
    assert_closed_to(client, botany, "Log in, or buy the course")
    response = search(client, "photosynthesis")
    assert found(response) == {botany["preview"].pk, botany["graded"].pk, botany["course"].pk}
    assert FREE_LINE in response.content.decode()  # the free preview's lines are open to all
    assert not result_for(response, botany["preview"]).locked
    assert result_for(response, botany["graded"]).locked  # "photosynthesis" is in its title
    assert response["Cache-Control"] == "private, no-store" or "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_signed_in_student_without_enrollment_is_told_to_buy(client, botany):
    login(client)
    assert_closed_to(client, botany, "Buy the course")
    assert search(client, "pigment").context["results"] == []  # only in the graded lesson's body


@pytest.mark.django_db
def test_another_instructor_is_a_student_in_someone_elses_course(client, botany):
    client.force_login(factories.instructor())
    assert_closed_to(client, botany, "Buy the course")


@pytest.mark.django_db
def test_translator_is_a_student_on_the_public_site(client, botany):
    login(client, groups=[TRANSLATORS])
    assert_closed_to(client, botany, "Buy the course")


@pytest.mark.django_db
def test_auditor_reads_ungraded_lessons_but_not_graded_work(client, botany):
    user = login(client)
    enroll(user, botany["course"], Enrollment.Source.AUDIT)
    response = search(client, "photosynthesis")
    html = response.content.decode()
    assert not result_for(response, botany["reading"]).locked
    assert "<mark>photosynthesis</mark> makes glucose" in html  # the body excerpt, highlighted
    assert "<mark>photosynthesis</mark> secret" in html  # the paid video's line
    graded = result_for(response, botany["graded"])
    assert graded.locked and "Graded work is not part of auditing" in str(graded.decision.message)
    assert "Name the pigment" not in html
    assert found(search(client, "glucose")) == {botany["reading"].pk}
    assert found(search(client, "secret")) == {botany["reading"].pk, botany["paid_video"].pk}
    response = search(client, "pigment")  # only in the graded lesson's body: closed to auditors
    assert response.context["results"] == [] and "0 results for" in response.content.decode()


@pytest.mark.django_db
def test_enrolled_student_sees_lines_and_excerpts(client, botany):
    user = login(client)
    enroll(user, botany["course"], Enrollment.Source.ADMIN)
    response = search(client, "photosynthesis")
    assert all(not result.locked for result in response.context["results"])
    paid = result_for(response, botany["paid_video"])
    assert [(line.second, "?t=10&track=" in line.url) for line in paid.lines] == [(10, True)]
    assert PAID_BODY in response.content.decode()
    assert found(search(client, "pigment")) == {botany["graded"].pk}
    assert found(search(client, "glucose")) == {botany["reading"].pk}


@pytest.mark.django_db
def test_the_course_instructor_opens_everything(client, botany):
    client.force_login(botany["teacher"])
    response = search(client, "photosynthesis")
    assert all(not result.locked for result in response.context["results"])


@pytest.mark.django_db
def test_drafts_never_appear_not_even_to_their_instructor(client, botany, catalog):
    other = factories.instructor()
    draft_course = factories.CoursePageFactory(parent=catalog, title="Photosynthesis draft course", owner=other)
    draft_course.unpublish()
    draft = factories.ResourcePageFactory(parent=botany["preview"].get_parent(), title="Unpublished photosynthesis")
    draft.unpublish()
    live = botany["reading"]
    live.body = [("rich_text", "<p>Draftonly wording about photosynthesis.</p>")]
    live.save_revision()  # a draft of a live page: its text is not published
    for user in (None, other, botany["teacher"]):
        if user:
            client.force_login(user)
        response = search(client, "photosynthesis")
        titles = [result.page.title for result in response.context["results"]]
        assert "Photosynthesis draft course" not in titles and "Unpublished photosynthesis" not in titles
        assert "Draftonly" not in response.content.decode()
        assert search(client, "draftonly").context["results"] == []


@pytest.mark.django_db
def test_resources_of_an_unpublished_section_never_appear(client, botany):
    botany["preview"].get_parent().specific.unpublish()
    response = search(client, "photosynthesis")
    assert botany["preview"].pk not in [result.page.pk for result in response.context["results"]]
    assert FREE_LINE not in response.content.decode()


def test_an_excerpt_keeps_a_heading_and_its_paragraph_apart():
    from types import SimpleNamespace

    from search.wagtail_hooks import resource_excerpt

    body = SimpleNamespace(
        raw_data=[{"type": "rich_text", "value": "<h2>How it works</h2><p>Watch, then practise.</p>"}]
    )
    assert resource_excerpt(SimpleNamespace(body=body)) == "How it works Watch, then practise."
