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


def assert_closed_to(response, botany, reason_text):
    html = response.content.decode()
    assert PAID_BODY not in html
    assert PAID_LINE not in html
    for key in ("reading", "paid_video"):
        result = result_for(response, botany[key])
        assert result.locked
        assert result.lines == [] and result.excerpt_html == ""
        assert reason_text in str(result.decision.message)
    assert 'class="fa-solid fa-lock"' in html


@pytest.mark.django_db
def test_anonymous_visitor_sees_paid_lessons_locked_without_their_text(client, botany):
    response = search(client, "photosynthesis")
    assert_closed_to(response, botany, "Log in, or buy the course")
    assert FREE_LINE in response.content.decode()  # the free preview's lines are open to all
    assert not result_for(response, botany["preview"]).locked
    assert response["Cache-Control"] == "private, no-store" or "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_signed_in_student_without_enrollment_is_told_to_buy(client, botany):
    login(client)
    assert_closed_to(search(client, "photosynthesis"), botany, "Buy the course")


@pytest.mark.django_db
def test_another_instructor_is_a_student_in_someone_elses_course(client, botany):
    client.force_login(factories.instructor())
    assert_closed_to(search(client, "photosynthesis"), botany, "Buy the course")


@pytest.mark.django_db
def test_translator_is_a_student_on_the_public_site(client, botany):
    login(client, groups=[TRANSLATORS])
    assert_closed_to(search(client, "photosynthesis"), botany, "Buy the course")


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


@pytest.mark.django_db
def test_enrolled_student_sees_lines_and_excerpts(client, botany):
    user = login(client)
    enroll(user, botany["course"], Enrollment.Source.ADMIN)
    response = search(client, "photosynthesis")
    assert all(not result.locked for result in response.context["results"])
    paid = result_for(response, botany["paid_video"])
    assert [(line.second, "?t=10&track=" in line.url) for line in paid.lines] == [(10, True)]
    assert PAID_BODY in response.content.decode()


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
