"""The search page: results of every type, filters, pagination, highlighting without XSS,
bad input, suggestions, and a query count that does not grow with the results."""

import pytest
from django.core.files.base import ContentFile

from commerce.models import ProgramPage
from courses.learning.enrollment import enroll
from courses.models import Enrollment, ResourcePage
from courses.tests import factories

from .conftest import search, video_body


def titles(response):
    return [result.page.title for result in response.context["results"]]


@pytest.mark.django_db
def test_the_header_links_to_the_search_page(client, botany):
    html = client.get("/en/search/").content.decode()
    assert 'action="/en/search/"' in html and 'role="search"' in html
    assert 'role="combobox"' in html and 'aria-controls="search-suggestions"' in html


@pytest.mark.django_db
def test_a_title_with_a_script_is_escaped_and_then_marked(client, catalog):
    factories.build_course(title='<script>alert("x")</script> Algebra', slug="xss", summary="<b>bold</b> algebra")
    html = search(client, "algebra").content.decode()
    assert "<script>alert" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>Algebra</mark>" in html
    assert "&lt;b&gt;bold&lt;/b&gt; <mark>algebra</mark>" in html


@pytest.mark.django_db
def test_a_word_inside_an_entity_is_not_marked(client, catalog):
    factories.build_course(title="Fish & chips", slug="amp", summary="amp amplifiers")
    html = search(client, "amp").content.decode()
    assert "Fish &amp; chips" in html and "<mark>amp</mark> <mark>amplifiers</mark>" in html


@pytest.mark.django_db
def test_filters_narrow_by_type_level_price_and_language(client, botany, catalog):
    factories.build_course(title="Free photosynthesis", slug="free-ps", price=0, level="advanced", language="es")
    assert "Free photosynthesis" in titles(search(client, "photosynthesis"))
    assert set(titles(search(client, "photosynthesis", type="course"))) == {"Botany basics", "Free photosynthesis"}
    assert set(titles(search(client, "photosynthesis", price="free"))) == {"Free photosynthesis"}
    paid = search(client, "photosynthesis", price="paid", type="resource")
    # an anonymous visitor: the free preview's captions, a title (not the paid lessons' text)
    assert set(titles(paid)) == {"Leaves and light", "Graded quiz on photosynthesis"}
    assert set(titles(search(client, "photosynthesis", level="advanced"))) == {"Free photosynthesis"}
    assert set(titles(search(client, "photosynthesis", language="es"))) == {"Free photosynthesis"}


@pytest.mark.django_db
def test_category_filter_reaches_the_courses_resources(client, botany):
    category = factories.CategoryFactory(name="Biology", slug="biology")
    course = botany["course"]
    course.category = category
    factories.publish(course)
    response = search(client, "photosynthesis", category="biology", type="resource")
    assert "Leaves and light" in titles(response)
    assert search(client, "photosynthesis", category="chemistry").context["form"].errors["category"]


@pytest.mark.django_db
def test_programs_are_found(client, botany, catalog):
    program = ProgramPage(title="Photosynthesis program", summary="Two courses on photosynthesis.", price="50.00")
    catalog.add_child(instance=program)
    program.program_courses.create(course=botany["course"])
    factories.publish(program)
    assert "Photosynthesis program" in titles(search(client, "photosynthesis", type="program"))
    assert search(client, "photosynthesis", type="program", price="free").context["results"] == []


@pytest.mark.django_db
def test_bad_input_gets_a_message_and_no_500(client, botany):
    response = client.get("/en/search/", {"q": "x" * 500})
    assert response.status_code == 200
    assert "Ensure this value has at most 200 characters" in response.content.decode()
    response = search(client, "photosynthesis", type="nonsense", level="<script>", page="abc")
    assert "Select a valid choice" in response.content.decode()
    assert len(response.context["results"]) == 3  # the other filters dropped, page 1
    assert search(client, "photosynthesis", page="999").context["page_obj"].number == 1
    assert client.get("/en/search/", {"q": '\x00 AND OR NOT ( " *'}).status_code == 200


@pytest.mark.django_db
def test_results_are_paginated(client, catalog):
    for number in range(13):
        factories.build_course(title=f"Geology {number:02d}", slug=f"geology-{number}", sections=0)
    first = search(client, "geology")
    assert first.context["page_obj"].paginator.count == 13 and len(first.context["results"]) == 10
    second = search(client, "geology", page=2)
    assert len(second.context["results"]) == 3
    assert set(titles(first)).isdisjoint(titles(second))
    assert 'href="?q=geology&amp;page=2"' in first.content.decode()


@pytest.mark.django_db
def test_results_are_in_the_visitors_language(client, botany, locales):
    course = botany["course"]
    spanish = course.copy_for_translation(locales["es"].locale, copy_parents=True)
    spanish.title = "Botánica: fotosíntesis"
    factories.publish(spanish)
    assert "Botánica: fotosíntesis" not in titles(search(client, "fotosíntesis"))
    response = client.get("/es/search/", {"q": "fotosíntesis"})
    assert [result.page.title for result in response.context["results"]] == ["Botánica: fotosíntesis"]


@pytest.mark.django_db
def test_a_nul_character_gets_a_message_and_no_500(client, botany):
    for query in ("Bota\x00", "\x00\x00", "ph\x00otosynthesis"):
        response = client.get("/en/search/suggest/", {"q": query})
        assert response.status_code == 400
        assert response.json() == {"error": "The search cannot contain a NUL character.", "suggestions": []}
        page = client.get("/en/search/", {"q": query})
        assert page.status_code == 200 and page.context["results"] == []
        assert "Null characters are not allowed." in page.content.decode()
    filters = {"type": "course\x00", "category": "\x00", "level": "\x00", "language": "es\x00", "page": "1\x00"}
    response = search(client, "photosynthesis", **filters)
    assert response.context["results"] and "Select a valid choice" in response.content.decode()


@pytest.mark.django_db
def test_suggestions_as_you_type(client, botany):
    data = client.get("/en/search/suggest/", {"q": "Bota"}).json()
    assert data["suggestions"][0] == {"title": "Botany basics", "url": "/en/courses/botany/", "type": "Course"}
    assert client.get("/en/search/suggest/", {"q": "b"}).json() == {"suggestions": []}
    assert client.get("/en/search/suggest/", {"q": "x" * 300}).status_code == 400


def _courses_with_spoken_word(count, student):
    for number in range(count):
        course = factories.build_course(title=f"Volcano course {number}", slug=f"volcano-{number}", price="10.00")
        if number % 2:
            enroll(student, course, Enrollment.Source.ADMIN)
        resource = ResourcePage.objects.descendant_of(course).order_by("path").last()
        track = factories.CaptionTrackFactory(
            file=ContentFile(b"WEBVTT\n\n00:00:05.000 --> 00:00:07.000\nA volcano erupts.\n", name="v.vtt")
        )
        resource.body = video_body(track, "<p>Volcano notes.</p>")
        factories.publish(resource)


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 14])
def test_query_count_does_not_grow_with_the_results(
    client, catalog, count, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    student = factories.UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _courses_with_spoken_word(count, student)
    client.force_login(student)
    client.get("/en/search/", {"q": "volcano"})  # sessions, permissions and content types warmed
    # the hits found afresh (three searches: pages, titles, cues) then kept for every visitor; the
    # access rule asked once for what the visitor may not know of and the few titles shown (one
    # query per page type shown, none per result)
    with django_assert_max_num_queries(20):
        search(client, "Volcano")  # another query (not kept yet): the same words
    # the hits kept: the session, the pages of each type, the rule's reads for the visitor
    with django_assert_max_num_queries(7):
        response = search(client, "Volcano")
    # every course (its title); the lessons of the courses the student is enrolled in (a word
    # only spoken in the others' lessons tells the student nothing)
    assert response.context["page_obj"].paginator.count == count + count // 2
    assert any(result.lines for result in response.context["results"])
