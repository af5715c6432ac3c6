"""The "Enrollments" admin: listing per course with CSV export, and "Enroll a student"."""

import csv
import io

import pytest
from django.contrib.auth.models import Group

from courses.learning.enrollment import enroll
from courses.models import Enrollment

from . import factories

pytestmark = pytest.mark.django_db

ENROLLMENTS = "/admin/learning/enrollments/"
ENROLL = f"{ENROLLMENTS}new/"


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root@example.com", "a-Strong-pass-2026")


@pytest.fixture
def other_course(catalog, other_teacher):
    return factories.build_course(title="Other course", slug="other-course", owner=other_teacher)


@pytest.fixture
def enrolled(free_course, paid_course, other_course):
    ana = factories.UserFactory(email="ana@example.org", display_name="Ana Alves")
    bruno = factories.UserFactory(email="bruno@example.org", display_name="Bruno Braga")
    enroll(ana, free_course, "free")
    enroll(bruno, paid_course, "purchase")
    enroll(bruno, other_course, "free")
    return ana, bruno


def export(client, **params):
    response = client.get(ENROLLMENTS, {"export": "csv", **params})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="enrollments.csv"'
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_roles_have_the_learning_permissions():
    def codenames(name):
        group = Group.objects.get(name=name)
        return set(group.permissions.filter(content_type__app_label="courses").values_list("codename", flat=True))

    assert {"view_enrollment", "add_enrollment", "view_review"} <= codenames("Instructors")
    assert not {"change_enrollment", "delete_enrollment", "change_review"} & codenames("Instructors")
    assert {"view_review", "change_review"} <= codenames("Moderators")
    assert not {"view_enrollment", "add_enrollment", "delete_review"} & codenames("Moderators")


def test_instructor_lists_enrollments_of_their_courses_only(client, teacher, enrolled):
    client.force_login(teacher)
    html = client.get(ENROLLMENTS).content.decode()
    assert "ana@example.org" in html and "Ana Alves" in html and "Free course" in html
    assert "Paid course" in html and "Purchase" in html
    assert "Other course" not in html


def test_superuser_lists_every_enrollment(client, superuser, enrolled):
    client.force_login(superuser)
    html = client.get(ENROLLMENTS).content.decode()
    assert "Free course" in html and "Paid course" in html and "Other course" in html


def test_enrollments_filter_by_course_and_source_and_search_by_email(client, teacher, enrolled, free_course):
    client.force_login(teacher)
    html = client.get(ENROLLMENTS, {"course": str(free_course.translation_key)}).content.decode()
    assert "ana@example.org" in html and "bruno@example.org" not in html
    html = client.get(ENROLLMENTS, {"source": "purchase"}).content.decode()
    assert "bruno@example.org" in html and "ana@example.org" not in html
    html = client.get(ENROLLMENTS, {"q": "BRUNO@"}).content.decode()
    assert "bruno@example.org" in html and "ana@example.org" not in html


def test_instructor_cannot_filter_on_a_course_they_do_not_teach(client, teacher, enrolled, other_course):
    client.force_login(teacher)
    response = client.get(ENROLLMENTS, {"course": str(other_course.translation_key)})
    assert response.status_code == 200
    assert "Other course" not in response.content.decode()


def test_csv_export_lists_the_instructors_enrollments(client, teacher, enrolled):
    client.force_login(teacher)
    rows = export(client, ordering="user__email")
    assert rows[0] == ["E-mail", "Name", "Course", "Source", "Enrolled at", "Last activity", "Completed at"]
    assert [row[:4] for row in rows[1:]] == [
        ["ana@example.org", "Ana Alves", "Free course", "Free course"],
        ["bruno@example.org", "Bruno Braga", "Paid course", "Purchase"],
    ]
    assert rows[1][4].startswith(str(Enrollment.objects.get(user__email="ana@example.org").created_at.year))


def test_csv_export_follows_the_filters(client, superuser, enrolled, other_course):
    client.force_login(superuser)
    rows = export(client, course=str(other_course.translation_key))
    assert [row[0] for row in rows[1:]] == ["bruno@example.org"]


@pytest.mark.parametrize(
    "name", ['=HYPERLINK("http://evil")', ";cmd|' /C calc'!A0", "|cmd /C calc", "@SUM(A1)", "-2+3"]
)
def test_csv_export_defuses_spreadsheet_formulas(client, teacher, free_course, name):
    mallory = factories.UserFactory(email="mallory@example.org", display_name=name)
    enroll(mallory, free_course, "free")
    client.force_login(teacher)
    rows = export(client)
    assert rows[1][1] == "'" + name


def test_enrollments_are_read_only(client, superuser, enrolled):
    client.force_login(superuser)
    enrollment = Enrollment.objects.first()
    html = client.get(ENROLLMENTS).content.decode()
    assert "/edit/" not in html and "/delete/" not in html
    for url in (f"{ENROLLMENTS}edit/{enrollment.pk}/", f"{ENROLLMENTS}delete/{enrollment.pk}/"):
        assert client.get(url, follow=True).status_code == 404
    assert Enrollment.objects.count() == 3


def test_instructor_enrolls_a_student_by_email(client, teacher, student, free_course):
    client.force_login(teacher)
    form = client.get(ENROLL).content.decode()
    assert "Free course" in form
    response = client.post(ENROLL, {"email": student.email.upper(), "course": free_course.pk}, follow=True)
    enrollment = Enrollment.objects.get(user=student)
    assert (enrollment.course_key, enrollment.source) == (free_course.translation_key, "admin")
    assert "is now enrolled in" in response.content.decode()


def test_superuser_enrolls_in_any_course(client, superuser, student, other_course):
    client.force_login(superuser)
    assert client.post(ENROLL, {"email": student.email, "course": other_course.pk}).status_code == 302
    assert Enrollment.objects.get(user=student).course_key == other_course.translation_key


def test_unknown_email_is_a_form_error(client, teacher, free_course):
    client.force_login(teacher)
    response = client.post(ENROLL, {"email": "nobody@example.org", "course": free_course.pk})
    assert response.status_code == 200
    assert "No account uses this e-mail address." in response.content.decode()
    assert not Enrollment.objects.exists()


@pytest.mark.parametrize("email", ["", "not-an-address", "a" * 300 + "@example.org"])
def test_invalid_email_is_a_form_error(client, teacher, free_course, email):
    client.force_login(teacher)
    response = client.post(ENROLL, {"email": email, "course": free_course.pk})
    assert response.status_code == 200
    assert not Enrollment.objects.exists()


def test_instructor_cannot_enroll_in_a_course_they_do_not_teach(client, teacher, student, other_course):
    client.force_login(teacher)
    response = client.post(ENROLL, {"email": student.email, "course": other_course.pk})
    assert response.status_code == 200
    assert "Choose one of your courses." in response.content.decode()
    assert "Other course" not in response.content.decode()
    assert not Enrollment.objects.exists()


@pytest.mark.parametrize("course", ["", "abc", "999999", "1 OR 1=1"])
def test_bad_course_values_are_form_errors(client, teacher, student, course):
    client.force_login(teacher)
    assert client.post(ENROLL, {"email": student.email, "course": course}).status_code == 200
    assert not Enrollment.objects.exists()


def test_enrolling_twice_says_so_and_keeps_one_row(client, teacher, student, free_course):
    enroll(student, free_course, "free")
    client.force_login(teacher)
    response = client.post(ENROLL, {"email": student.email, "course": free_course.pk}, follow=True)
    assert "was already enrolled in" in response.content.decode()
    assert Enrollment.objects.filter(user=student).count() == 1
    assert Enrollment.objects.get(user=student).source == "free"


def test_course_is_preselected_from_the_statistics_page(client, teacher, free_course):
    client.force_login(teacher)
    html = client.get(ENROLL, {"course": free_course.pk}).content.decode()
    assert f'<option value="{free_course.pk}" selected>' in html


def test_moderators_and_students_do_not_enroll_anyone(client, student, free_course):
    client.force_login(factories.moderator())
    assert client.get(ENROLLMENTS).status_code == 302  # Wagtail: no permission → dashboard
    assert client.post(ENROLL, {"email": student.email, "course": free_course.pk}).status_code == 403
    client.force_login(student)
    assert client.post(ENROLL, {"email": student.email, "course": free_course.pk}).status_code == 302
    assert not Enrollment.objects.exists()


def test_an_instructor_with_one_course_finds_it_preselected(client, teacher, free_course):
    client.force_login(teacher)
    html = client.get(ENROLL).content.decode()
    assert f'<option value="{free_course.pk}" selected>' in html
