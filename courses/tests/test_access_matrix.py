"""Every role against every kind of resource, page and file, through the public URLs.

A graded resource is one with a block that declares graded completion (the assessments
app's evaluation block); until it arrives, the test settings contribute a stand-in
(lms_site/settings/stand_in_blocks.py) the way that app will."""

import pytest
from django.core.files.base import ContentFile

from courses.learning import enrollment
from courses.models import ResourcePage

from . import factories

pytestmark = pytest.mark.django_db

OPEN, REFUSED = 200, 403

# role → (free preview, normal resource, graded resource); files follow their page.
EXPECTED = {
    "anonymous": (OPEN, REFUSED, REFUSED),
    "signed_in": (OPEN, REFUSED, REFUSED),
    "auditor": (OPEN, OPEN, REFUSED),
    "enrolled": (OPEN, OPEN, OPEN),
    "instructor": (OPEN, OPEN, OPEN),
    "other_instructor": (OPEN, REFUSED, REFUSED),
    "moderator": (OPEN, OPEN, OPEN),
    "admin": (OPEN, OPEN, OPEN),
}


@pytest.fixture
def course(paid_course):
    paid_course.audit_allowed = True
    factories.publish(paid_course)
    preview, normal, graded = list(ResourcePage.objects.descendant_of(paid_course).order_by("path"))[:3]
    files = {}
    for name, resource in (("preview", preview), ("normal", normal), ("graded", graded)):
        item = factories.CourseMediaFactory(file=ContentFile(b"\x00" * 2048, name=f"{name}.mp4"))
        body = [("video", {"video": item, "captions": []})]
        if name == "graded":
            body.append(("graded_exercise", "Quiz goes here"))
        resource.body = body
        resource.free_preview = name == "preview"
        factories.publish(resource)
        files[name] = (resource, item)
    return paid_course, files


def user_for(role, course, teacher, other_teacher):
    if role == "anonymous":
        return None
    if role == "instructor":
        return teacher
    if role == "other_instructor":
        return other_teacher
    if role == "moderator":
        return factories.moderator()
    if role == "admin":
        return factories.UserFactory(is_superuser=True, is_staff=True)
    user = factories.UserFactory()
    if role == "auditor":
        enrollment.enroll(user, course, enrollment.Source.AUDIT)
    elif role == "enrolled":
        enrollment.enroll(user, course, enrollment.Source.PURCHASE)
    return user


@pytest.mark.parametrize("role", list(EXPECTED))
def test_access_matrix(client, course, teacher, other_teacher, role):
    course_page, files = course
    user = user_for(role, course_page, teacher, other_teacher)
    if user is not None:
        client.force_login(user)
    for column, name in enumerate(("preview", "normal", "graded")):
        resource, item = files[name]
        expected = EXPECTED[role][column]
        page_status = client.get(resource.url).status_code
        file_status = client.get(item.url).status_code
        assert (name, page_status) == (name, expected), f"{role} opening the {name} resource page"
        assert (name, file_status) == (name, expected), f"{role} fetching the {name} resource's video"


def test_refusals_say_what_to_do(client, course, student):
    _course, files = course
    resource, _item = files["normal"]
    assert "Log in" in client.get(resource.url).content.decode()
    client.force_login(student)
    assert "Buy the course" in client.get(resource.url).content.decode()


def test_auditor_is_told_graded_work_is_not_included(client, course, student):
    course_page, files = course
    enrollment.enroll(student, course_page, enrollment.Source.AUDIT)
    client.force_login(student)
    html = client.get(files["graded"][0].url).content.decode()
    assert "Graded work is not part of auditing" in html


def test_free_course_resources_need_enrollment_with_one_click(client, free_course, student):
    normal = list(ResourcePage.objects.descendant_of(free_course).order_by("path"))[1]
    client.force_login(student)
    response = client.get(normal.url)
    assert response.status_code == 403
    assert "Enroll for free" in response.content.decode()
    response = client.post(f"/en/learn/{free_course.pk}/enroll/", {"mode": "free", "next": normal.url})
    assert response["Location"] == normal.url
    assert client.get(normal.url).status_code == 200


def test_a_resource_is_only_served_under_its_own_course(client, free_course, paid_course, student):
    """A resource page's URL is its place in the tree: another course's path does not
    reach it, and the resource refuses on its own course's terms."""
    paid_resource = list(ResourcePage.objects.descendant_of(paid_course).order_by("path"))[1]
    paid_resource.slug = "paid-only-lesson"
    factories.publish(paid_resource)
    enrollment.enroll(student, free_course, enrollment.Source.FREE)
    client.force_login(student)
    wrong_path = free_course.url + paid_resource.url.split(paid_course.url, 1)[1]
    assert client.get(wrong_path).status_code == 404
    assert client.get(paid_resource.url).status_code == 403


def test_per_user_pages_are_never_publicly_cached(client, course, student):
    course_page, files = course
    client.force_login(student)
    for url in (course_page.url, files["preview"][0].url):
        cache_control = client.get(url)["Cache-Control"]
        assert "private" in cache_control and "public" not in cache_control
