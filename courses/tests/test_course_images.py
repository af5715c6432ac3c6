"""Images of a course's collection are that course's material: their original and
renditions are stored outside the public image folders and reached only through the
image view, which asks the access rule (the roles are in test_access_matrix.py). Images
outside course collections (covers, home page, blog) stay public static files."""

import re
from pathlib import Path

import pytest
import wagtail_factories
from django.conf import settings
from wagtail.models import Collection

from courses.course_images import COURSE_IMAGES_FOLDER
from courses.learning import enrollment
from courses.models import ResourcePage

from . import factories

pytestmark = pytest.mark.django_db

PUBLIC_FOLDERS = ("original_images", "images")


def public_files():
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p) for folder in PUBLIC_FOLDERS for p in (root / folder).rglob("*") if p.is_file())


def course_image_files():
    root = Path(settings.MEDIA_ROOT) / COURSE_IMAGES_FOLDER
    return sorted(str(p) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def figure(image):
    return ("image", {"image": {"image": image, "alt_text": "A diagram", "decorative": False}, "caption": ""})


@pytest.fixture
def paid_lesson(paid_course, django_capture_on_commit_callbacks):
    factories.publish(paid_course)
    lesson = ResourcePage.objects.descendant_of(paid_course).order_by("path")[1]
    with django_capture_on_commit_callbacks(execute=True):
        image = wagtail_factories.ImageFactory(title="Diagram", collection=paid_course.collection)
    lesson.body = [figure(image)]
    factories.publish(lesson)
    return lesson, image


def test_a_lesson_image_is_stored_outside_the_public_folders(paid_lesson):
    _lesson, image = paid_lesson
    rendition = image.get_rendition("max-1200x800")
    assert image.file.name.startswith(f"{COURSE_IMAGES_FOLDER}/{image.pk}/")
    assert rendition.file.name.startswith(f"{COURSE_IMAGES_FOLDER}/{image.pk}/")
    assert public_files() == []
    for url in (image.file.url, rendition.url):
        assert url.startswith(f"/media-files/images/{image.pk}/"), url
        assert not url.startswith(settings.MEDIA_URL)


def test_the_lesson_shows_its_image_through_the_image_view(client, paid_lesson, student, paid_course):
    lesson, image = paid_lesson
    enrollment.enroll(student, paid_course, enrollment.Source.PURCHASE)
    client.force_login(student)
    html = client.get(lesson.url).content.decode()
    rendition = image.get_rendition("max-1200x800")
    assert f'src="{rendition.url}"' in html
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content) == Path(rendition.file.path).read_bytes()
    assert "private" in response["Cache-Control"]


def test_a_cover_outside_the_course_collection_stays_a_public_static_file(paid_course):
    courses = Collection.objects.get(name="Courses")
    cover = wagtail_factories.ImageFactory(title="Cover", collection=courses)
    rendition = cover.get_rendition("fill-640x360")
    assert cover.file.name.startswith("original_images/")
    assert rendition.url.startswith(f"{settings.MEDIA_URL}images/")
    assert Path(rendition.file.path).is_file()


def test_an_image_moved_into_a_course_collection_leaves_the_public_folders(
    paid_course, django_capture_on_commit_callbacks
):
    courses = Collection.objects.get(name="Courses")
    image = wagtail_factories.ImageFactory(title="Diagram", collection=courses)
    public_rendition = image.get_rendition("max-1200x800")
    assert public_rendition.url.startswith(settings.MEDIA_URL)

    with django_capture_on_commit_callbacks(execute=True):
        image.collection = paid_course.collection
        image.save()

    image.refresh_from_db()
    assert image.file.name.startswith(f"{COURSE_IMAGES_FOLDER}/{image.pk}/")
    assert Path(image.file.path).is_file()
    assert not image.renditions.filter(pk=public_rendition.pk).exists()
    assert image.get_rendition("max-1200x800").url.startswith("/media-files/images/")
    assert public_files() == []


def test_an_image_moved_out_of_the_course_collection_becomes_public_again(
    paid_lesson, django_capture_on_commit_callbacks
):
    _lesson, image = paid_lesson
    image.get_rendition("max-1200x800")
    with django_capture_on_commit_callbacks(execute=True):
        image.collection = Collection.objects.get(name="Courses")
        image.save()

    image.refresh_from_db()
    assert image.file.name.startswith("original_images/")
    assert course_image_files() == []
    assert image.get_rendition("max-1200x800").url.startswith(f"{settings.MEDIA_URL}images/")


def test_the_admins_bulk_add_to_collection_moves_the_images(client, paid_course, django_capture_on_commit_callbacks):
    courses = Collection.objects.get(name="Courses")
    image = wagtail_factories.ImageFactory(title="Diagram", collection=courses)
    image.get_rendition("max-1200x800")
    client.force_login(factories.UserFactory(is_superuser=True, is_staff=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/bulk/wagtailimages/image/add_to_collection/?id={image.pk}",
            {"collection": paid_course.collection_id},
        )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.collection_id == paid_course.collection_id
    assert image.file.name.startswith(f"{COURSE_IMAGES_FOLDER}/{image.pk}/")
    assert public_files() == []


def test_an_image_uploaded_into_a_course_collection_never_touches_the_public_folders(
    client, teacher, paid_course, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.images import get_image_model

    from .test_upload_failures import png_bytes

    client.force_login(teacher)
    upload = SimpleUploadedFile("diagram.png", png_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/images/add/", {"title": "Diagram", "file": upload, "collection": paid_course.collection_id}
        )
    assert response.status_code == 302
    image = get_image_model().objects.get()
    assert image.file.name == f"{COURSE_IMAGES_FOLDER}/{image.pk}/diagram.png"
    assert public_files() == []
    assert course_image_files() == [image.file.path]


def test_a_rendition_of_another_image_is_not_served_under_this_images_address(client, paid_lesson, paid_course):
    """The address names the image whose access rule applies; a file of another image is
    not found there."""
    _lesson, image = paid_lesson
    other = wagtail_factories.ImageFactory(title="Other", collection=paid_course.collection)
    rendition = other.get_rendition("max-1200x800")
    client.force_login(factories.UserFactory(is_superuser=True, is_staff=True))
    filename = rendition.file.name.rsplit("/", 1)[1]
    assert client.get(f"/media-files/images/{image.pk}/{filename}").status_code == 404
    assert client.get(rendition.url).status_code == 200


def test_the_migration_moves_the_images_already_in_course_collections(paid_course, django_capture_on_commit_callbacks):
    import importlib

    from django.apps import apps
    from wagtail.images import get_image_model

    migration = importlib.import_module("courses.migrations.0015_course_images_out_of_public_folders")
    courses = Collection.objects.get(name="Courses")
    image = wagtail_factories.ImageFactory(title="Old diagram", collection=courses)
    cover = wagtail_factories.ImageFactory(title="Cover", collection=courses)
    image.get_rendition("max-1200x800")
    paid_course.cover_image = cover
    paid_course.save()
    # As it was before: in the course's collection, their files in the public folders.
    get_image_model().objects.filter(pk__in=[image.pk, cover.pk]).update(collection=paid_course.collection)
    assert len(public_files()) == 3

    with django_capture_on_commit_callbacks(execute=True):
        migration.move_course_images(apps, None)

    image.refresh_from_db()
    cover.refresh_from_db()
    assert image.file.name.startswith(f"{COURSE_IMAGES_FOLDER}/{image.pk}/")
    assert not image.renditions.exists()
    assert public_files() == [str(Path(cover.file.path))]
    assert course_image_files() == [image.file.path]


def test_a_course_cover_kept_in_the_course_collection_is_public(paid_course, django_capture_on_commit_callbacks):
    """The cover is the shop window: once a course shows it, it is a static file, wherever
    it is kept; when the course shows another, it is course material again."""
    with django_capture_on_commit_callbacks(execute=True):
        cover = wagtail_factories.ImageFactory(title="Cover", collection=paid_course.collection)
    assert cover.file.name.startswith(f"{COURSE_IMAGES_FOLDER}/")

    with django_capture_on_commit_callbacks(execute=True):
        paid_course.cover_image = cover
        factories.publish(paid_course)
    cover.refresh_from_db()
    assert cover.file.name.startswith("original_images/")
    assert cover.get_rendition("fill-640x360").url.startswith(f"{settings.MEDIA_URL}images/")
    assert course_image_files() == []

    with django_capture_on_commit_callbacks(execute=True):
        paid_course.cover_image = wagtail_factories.ImageFactory(title="New cover")
        factories.publish(paid_course)
    cover.refresh_from_db()
    assert cover.file.name.startswith(f"{COURSE_IMAGES_FOLDER}/{cover.pk}/")


def test_an_image_in_a_lessons_rich_text_is_served_through_the_access_rule(
    client, paid_course, student, django_capture_on_commit_callbacks
):
    factories.publish(paid_course)
    lesson = ResourcePage.objects.descendant_of(paid_course).order_by("path")[1]
    with django_capture_on_commit_callbacks(execute=True):
        image = wagtail_factories.ImageFactory(title="Inline", collection=paid_course.collection)
    lesson.body = [
        ("rich_text", f'<p>See:</p><embed embedtype="image" id="{image.pk}" format="fullwidth" alt="A chart"/>')
    ]
    factories.publish(lesson)

    enrollment.enroll(student, paid_course, enrollment.Source.PURCHASE)
    client.force_login(student)
    html = client.get(lesson.url).content.decode()
    src = re.search(r'<img alt="A chart"[^>]* src="([^"]+)"', html)[1]
    assert src.startswith(f"/media-files/images/{image.pk}/")
    assert client.get(src).status_code == 200
    client.logout()
    assert client.get(src).status_code == 403
    assert public_files() == []
