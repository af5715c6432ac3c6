"""Instructors keep a bio and a photo on their profile page; the landing pages of the
courses they teach show them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from courses.tests import factories

pytestmark = pytest.mark.django_db


def png_upload(name="me.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 64), "#336699").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_an_instructor_saves_a_bio_and_photo_shown_on_their_course(client):
    teacher = factories.instructor(display_name="Ada Teacher")
    course = factories.build_course(title="Taught", slug="taught", price=0)
    course.instructors.add(teacher)
    factories.publish(course)
    client.force_login(teacher)
    response = client.post(
        reverse("accounts_profile"),
        {"display_name": "Ada Teacher", "bio": "I teach painting.", "photo_upload": png_upload(), "time_zone": ""},
    )
    assert response.status_code == 302
    teacher.refresh_from_db()
    assert teacher.bio == "I teach painting." and teacher.photo is not None
    html = client.get(course.url).content.decode()
    assert "I teach painting." in html
    assert "instructor-photo" in html and "<img" in html.split('id="instructors-heading"')[1]


def test_a_file_that_is_not_an_image_is_refused_and_nothing_changes(client):
    teacher = factories.instructor(display_name="Ada Teacher")
    client.force_login(teacher)
    fake = SimpleUploadedFile("me.png", b"not an image at all", content_type="image/png")
    response = client.post(
        reverse("accounts_profile"), {"display_name": "Changed", "bio": "x", "photo_upload": fake, "time_zone": ""}
    )
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    teacher.refresh_from_db()
    assert teacher.display_name == "Ada Teacher" and teacher.photo is None


def test_a_student_profile_has_no_instructor_fields(client):
    student = factories.UserFactory()
    client.force_login(student)
    html = client.get(reverse("accounts_profile")).content.decode()
    assert 'name="bio"' not in html and 'name="photo_upload"' not in html
