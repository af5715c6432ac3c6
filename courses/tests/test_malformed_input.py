"""Malformed input answers 4xx, never a 500: ids too large for the database (20 digits
overflow SQLite's 64-bit integers) and JSON nested too deeply to be read."""

import json

import pytest

pytestmark = pytest.mark.django_db

HUGE = "9" * 20


@pytest.mark.parametrize(
    "path",
    [
        f"/media-files/captions/{HUGE}/captions.vtt",
        f"/media-files/captions/page/{HUGE}/1.vtt",
        f"/media-files/captions/page/1/{HUGE}.vtt",
        f"/media-files/{HUGE}/clip.mp4",
        f"/media-files/images/{HUGE}/diagram.png",
        f"/documents/{HUGE}/handout.pdf",
    ],
)
def test_a_file_address_with_a_20_digit_id_is_not_found(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("route", ["completed", "enroll", "leave", "review"])
def test_a_course_route_with_a_20_digit_id_is_not_found(client, student, route):
    client.force_login(student)
    assert client.get(f"/en/learn/{HUGE}/{route}/").status_code in (404, 405)
    assert client.post(f"/en/learn/{HUGE}/{route}/").status_code == 404


@pytest.mark.parametrize("route", ["complete", "playback"])
def test_a_resource_route_with_a_20_digit_id_is_not_found(client, student, route):
    client.force_login(student)
    assert client.post(f"/en/learn/resource/{HUGE}/{route}/", "{}", content_type="application/json").status_code == 404


def test_the_largest_real_id_still_reaches_the_view(client, student):
    """18 digits fit every database's ids: such an address is looked up (and not found)."""
    client.force_login(student)
    assert client.get(f"/en/learn/{'9' * 18}/completed/").status_code == 404
    assert client.get(f"/media-files/captions/{'9' * 18}/captions.vtt").status_code == 404


DEEP_JSON = "[" * 100_000 + "]" * 100_000


def test_the_editors_autosave_with_deeply_nested_json_is_refused(client, teacher, paid_course):
    """The page editor's autosave posts the form in the background (``Accept:
    application/json``); a rich text value is Draftail JSON, read by Wagtail. Nested past
    what Python's JSON reader can follow, it is refused with Wagtail's JSON error, and the
    page is unchanged."""
    client.force_login(teacher)
    before = paid_course.latest_revision_id
    response = client.post(
        f"/admin/pages/{paid_course.pk}/edit/",
        {"title": paid_course.title, "slug": paid_course.slug, "description": DEEP_JSON},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    answer = response.json()
    assert answer["success"] is False
    assert "nested too deeply" in answer["error_message"]
    paid_course.refresh_from_db()
    assert paid_course.latest_revision_id == before


def test_the_editors_form_with_deeply_nested_json_is_refused_with_a_message(client, teacher, paid_course):
    client.force_login(teacher)
    url = f"/admin/pages/{paid_course.pk}/edit/"
    response = client.post(
        url, {"title": paid_course.title, "description": DEEP_JSON}, HTTP_REFERER=f"http://testserver{url}"
    )
    assert response.status_code == 302
    assert "nested too deeply" in client.get(response["Location"]).content.decode()


def contentstate(paragraphs):
    blocks = [
        {"key": f"k{n}", "type": "unstyled", "depth": 0, "text": text, "inlineStyleRanges": [], "entityRanges": []}
        for n, text in enumerate(paragraphs)
    ]
    return json.dumps({"blocks": blocks, "entityMap": {}})


@pytest.mark.parametrize(
    "value",
    [contentstate(["A paragraph."] * 300), contentstate(["[" * 500 + "{" * 500])],
    ids=["long-text", "brackets-inside-text"],
)
def test_ordinary_editor_json_is_read_as_before(client, teacher, paid_course, value):
    client.force_login(teacher)
    response = client.post(
        f"/admin/pages/{paid_course.pk}/edit/",
        {"title": paid_course.title, "slug": paid_course.slug, "description": value},
        HTTP_ACCEPT="application/json",
    )
    assert "nested too deeply" not in response.content.decode()
