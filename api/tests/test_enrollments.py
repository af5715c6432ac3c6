"""Enrollments through the API: the site's ``enroll``/``end_enrollment``, idempotent by
``request_id``; every bad input a clear 4xx that writes nothing."""

import pytest

from api import idempotency
from api.models import IdempotentRequest
from courses.models import Completion, Enrollment

URL = "/api/v1/enrollments/"


def body(course, learner, request_id="r-1", **extra):
    return {"request_id": request_id, "learner": learner, "course": str(course.translation_key), **extra}


def nothing_written():
    return not Enrollment.objects.exists() and not IdempotentRequest.objects.exists()


def test_a_learner_is_enrolled_by_e_mail(api, student, free_course):
    response = api.post(URL, body(free_course, student.email, mode="free"), format="json")
    assert response.status_code == 201
    assert response.json()["created"] is True
    enrollment = Enrollment.objects.get(user=student)
    assert (enrollment.course_key, enrollment.source) == (free_course.translation_key, "free")
    assert response.json()["enrollment"]["id"] == enrollment.pk


def test_staff_mode_enrolls_in_a_paid_course(api, student, paid_course):
    response = api.post(URL, body(paid_course, str(student.pk)), format="json")
    assert response.status_code == 201
    assert Enrollment.objects.get(user=student).source == "admin"


def test_a_repeated_request_id_returns_the_first_answer_and_does_nothing(api, student, free_course):
    first = api.post(URL, body(free_course, student.email), format="json")
    Enrollment.objects.all().delete()  # whatever happened since, the first answer stands
    again = api.post(URL, body(free_course, student.email), format="json")
    assert (again.status_code, again.json()) == (first.status_code, first.json())
    assert again["Idempotent-Replayed"] == "true"
    assert not Enrollment.objects.exists()


def test_a_new_request_id_for_an_enrolled_learner_says_already_enrolled(api, student, free_course):
    api.post(URL, body(free_course, student.email), format="json")
    response = api.post(URL, body(free_course, student.email, request_id="r-2"), format="json")
    assert (response.status_code, response.json()["created"]) == (200, False)
    assert Enrollment.objects.count() == 1


def test_a_request_id_reused_for_another_request_is_a_409(api, student, free_course, paid_course):
    api.post(URL, body(free_course, student.email), format="json")
    response = api.post(URL, body(paid_course, student.email), format="json")
    assert response.status_code == 409
    assert Enrollment.objects.count() == 1


def test_request_ids_are_per_key(api, make_key, student, free_course, paid_course):
    from .conftest import client_with

    api.post(URL, body(free_course, student.email), format="json")
    other = client_with(make_key()[1])
    assert other.post(URL, body(paid_course, student.email), format="json").status_code == 201


def test_two_requests_racing_with_one_id_get_one_answer(make_key, student, free_course, monkeypatch):
    """The second one reaches the reservation after the first committed it: the unique
    constraint refuses its row and it answers with the first one's answer."""
    key, _whole = make_key()
    data = {"learner": student.email, "course": free_course.translation_key, "mode": "admin", "request_id": "x"}
    print_ = idempotency.fingerprint("enroll", data)
    IdempotentRequest.objects.create(key=key, request_id="x", fingerprint=print_, status_code=201, body={"first": 1})
    calls = []
    original = idempotency._stored
    monkeypatch.setattr(
        idempotency, "_stored", lambda *args: calls.append(args) or (None if len(calls) == 1 else original(*args))
    )
    answer = idempotency.answer_once(key, "x", print_, lambda: pytest.fail("produced twice"))
    assert answer == (201, {"first": 1}, True)


def test_an_unknown_e_mail_is_a_404_and_writes_nothing(api, free_course):
    response = api.post(URL, body(free_course, "nobody@example.com"), format="json")
    assert response.status_code == 404
    assert "does not create accounts" in response.json()["error"]["message"]
    assert nothing_written()


def test_the_sites_rules_refuse_with_a_422_and_write_nothing(api, student, paid_course):
    response = api.post(URL, body(paid_course, student.email, mode="free"), format="json")
    assert response.status_code == 422
    assert response.json()["error"] == {"code": "refused", "message": "This course is not free.", "fields": {}}
    assert nothing_written()
    # The same id may be tried again once the problem is fixed.
    assert api.post(URL, body(paid_course, student.email), format="json").status_code == 201


@pytest.mark.parametrize(
    "payload",
    [
        {},
        [],
        "text",
        {"request_id": "r", "learner": "a@b.c", "course": "not-a-uuid"},
        {"request_id": "r\x00", "learner": "a@b.c", "course": "00000000-0000-0000-0000-000000000000"},
        {"request_id": "r", "learner": "x\x00@b.c", "course": "00000000-0000-0000-0000-000000000000"},
        {"request_id": "r", "learner": "9" * 40, "course": "00000000-0000-0000-0000-000000000000"},
        {"request_id": "r" * 101, "learner": "a@b.c", "course": "00000000-0000-0000-0000-000000000000"},
        {"request_id": 10**30, "learner": 10**30, "course": 10**30},
        {"request_id": "r", "learner": "a@b.c", "course": "00000000-0000-0000-0000-000000000000", "mode": "gift"},
    ],
)
def test_a_body_of_the_wrong_shape_is_a_400_and_writes_nothing(api, student, payload):
    response = api.post(URL, payload, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] in ("invalid", "parse_error")
    assert nothing_written()


def test_a_body_that_is_not_json_is_refused(api, student):
    assert api.post(URL, "{not json", content_type="application/json").status_code == 400
    assert api.post(URL, {"a": "b"}).status_code == 415  # a form
    assert nothing_written()


def test_enrollments_are_listed_by_learner_and_course(api, student, user_factory, free_course, paid_course):
    other = user_factory(email="other@example.com")
    api.post(URL, body(free_course, student.email), format="json")
    api.post(URL, body(paid_course, other.email, request_id="r-2"), format="json")
    listed = api.get(f"{URL}?learner={student.email}").json()
    assert [row["learner_email"] for row in listed["results"]] == [student.email]
    listed = api.get(f"{URL}?course={paid_course.translation_key}").json()
    assert [row["learner_email"] for row in listed["results"]] == [other.email]
    assert api.get(f"{URL}?course=nope").status_code == 400
    assert api.get(f"{URL}?learner=12345").status_code == 404


def test_ending_an_enrollment_keeps_progress(api, student, free_course):
    from courses.learning.progress import mark_complete
    from courses.models import ResourcePage

    enrollment_id = api.post(URL, body(free_course, student.email), format="json").json()["enrollment"]["id"]
    mark_complete(student, ResourcePage.objects.descendant_of(free_course).live().first())
    assert api.get(f"{URL}{enrollment_id}/").json()["learner_id"] == student.pk
    assert api.delete(f"{URL}{enrollment_id}/").status_code == 204
    assert not Enrollment.objects.exists()
    assert Completion.objects.filter(user=student).count() == 1
    assert api.delete(f"{URL}{enrollment_id}/").status_code == 404


@pytest.mark.parametrize("pk", ["0", "9" * 18, "9" * 40, "-1", "abc"])
def test_an_unknown_enrollment_is_a_json_404(api, pk):
    for method in ("get", "delete"):
        response = getattr(api, method)(f"{URL}{pk}/")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
