"""A signed-in user's account, enrollments and completions come from their personal cache
(lms_site/personal_cache.py) with the shared cache on, as in production: every change
shows on that user's next request — enrolling, leaving, an enrollment removed by staff,
a completion, a finished course, a new password, a deactivation, a new name."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from caching import personal_cache, scopes
from courses.learning import enrollment
from courses.models import Enrollment, ResourcePage
from courses.tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_cache")]

PASSWORD = "a-Strong-pass-2026"


@pytest.fixture
def course(catalog):
    return factories.build_course(title="Cached course", slug="cached-course", price=0, sections=1)


@pytest.fixture
def student(user_factory):
    return user_factory(email="sam@example.com", password=PASSWORD, display_name="Sam Student")


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def lessons(course):
    return list(ResourcePage.objects.descendant_of(course).live().order_by("path"))


def lesson_for_students(course):
    return lessons(course)[1]  # the first is a free preview


def percent(client, course):
    html = client.get(course.url).content.decode()
    return html.split("data-aula-percent>")[1].split("%")[0] if "data-aula-percent>" in html else None


def test_enrolling_and_leaving_show_on_the_next_request(course, student):
    client = signed_in(student)
    lesson = lesson_for_students(course)
    assert percent(client, course) is None  # read, and kept, as "not enrolled"
    assert client.get(lesson.url).status_code == 403
    client.post(reverse("course_enroll", args=[course.pk]))
    assert percent(client, course) == "0"
    assert client.get(lesson.url).status_code == 200
    client.post(reverse("course_leave", args=[course.pk]))
    assert percent(client, course) is None
    assert client.get(lesson.url).status_code == 403


def test_an_enrollment_removed_by_staff_closes_the_course_on_the_next_request(course, student):
    enrollment.enroll(student, course, enrollment.Source.FREE)
    client = signed_in(student)
    lesson = lesson_for_students(course)
    assert client.get(lesson.url).status_code == 200
    Enrollment.objects.filter(user=student).delete()  # as the admin's delete view does
    assert client.get(lesson.url).status_code == 403
    assert percent(client, course) is None


def test_completions_and_the_finished_course_show_on_the_next_request(course, student):
    enrollment.enroll(student, course, enrollment.Source.FREE)
    client = signed_in(student)
    first, *rest = lessons(course)
    assert percent(client, course) == "0"
    client.post(reverse("resource_complete", args=[first.pk]))
    assert percent(client, course) == str(100 // (1 + len(rest)))
    assert ", completed" in client.get(first.url).content.decode()
    for lesson in rest:
        client.post(reverse("resource_complete", args=[lesson.pk]))
    assert percent(client, course) == "100"
    assert Enrollment.objects.get(user=student).completed_at is not None
    assert "Completed" in client.get("/en/dashboard/").content.decode()


def test_the_pages_read_the_learner_from_the_cache_not_the_database(course, student):
    enrollment.enroll(student, course, enrollment.Source.FREE)
    client = signed_in(student)
    lesson = lessons(course)[0]
    client.get(lesson.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(lesson.url).status_code == 200
    tables = " ".join(q["sql"] for q in queries.captured_queries)
    assert "accounts_user" not in tables
    assert "courses_enrollment" not in tables
    assert "courses_completion" not in tables


def test_a_new_password_signs_out_the_other_sessions_at_once(student):
    laptop, phone = signed_in(student), signed_in(student)
    assert phone.get("/en/dashboard/").status_code == 200
    response = laptop.post(
        "/en/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "new-Lighthouse-77", "password2": "new-Lighthouse-77"},
    )
    assert response.status_code == 302
    assert laptop.get("/en/dashboard/").status_code == 200  # the session that changed it stays
    assert phone.get("/en/dashboard/").status_code == 302  # to the login page


def test_a_deactivated_account_is_signed_out_on_its_next_request(student):
    client = signed_in(student)
    assert client.get("/en/dashboard/").status_code == 200
    user = get_user_model().objects.get(pk=student.pk)
    user.is_active = False
    user.save()  # as the user admin does
    assert client.get("/en/dashboard/").status_code == 302


def test_a_new_display_name_shows_on_the_next_page(student, course):
    client = signed_in(student)
    assert "Sam Student" in client.get(course.url).content.decode()
    client.post("/en/accounts/profile/", {"display_name": "Samantha S.", "first_name": "", "last_name": ""})
    html = client.get(course.url).content.decode()
    assert "Samantha S." in html and "Sam Student" not in html


def test_each_user_reads_only_their_own_facts(course, student, user_factory):
    other = user_factory(email="other@example.com", display_name="Olga Other")
    enrollment.enroll(student, course, enrollment.Source.FREE)
    sam, olga = signed_in(student), signed_in(other)
    assert percent(sam, course) == "0" and percent(olga, course) is None
    assert "Olga Other" in olga.get(course.url).content.decode()
    assert "Sam Student" not in olga.get(course.url).content.decode()


def test_a_value_read_before_a_write_committed_is_never_served_after_it(student):
    """A request reads the database, another commits a change (renewing the token), and
    only then does the first store what it read: that value is never served."""
    answers = iter(["read before the change", "read after the change"])

    def read_while_someone_writes():
        value = next(answers)
        scopes.renew(scopes.user(student.pk))  # the writer commits while this read is in flight
        return value

    assert personal_cache.personal_value(student.pk, "fact", read_while_someone_writes) == "read before the change"
    assert personal_cache.personal_value(student.pk, "fact", lambda: "never asked") != "read before the change"


def test_a_write_renews_again_when_its_transaction_commits(student, django_capture_on_commit_callbacks):
    personal_cache.personal_value(student.pk, "fact", lambda: "old")
    with django_capture_on_commit_callbacks() as callbacks:
        scopes.renew(scopes.user(student.pk))
        personal_cache.personal_value(student.pk, "fact", lambda: "read before the commit")
    assert len(callbacks) == 1
    callbacks[0]()  # the commit
    assert personal_cache.personal_value(student.pk, "fact", lambda: "new") == "new"
