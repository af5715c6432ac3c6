import factory
import wagtail_factories
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from accounts.roles import INSTRUCTORS, MODERATORS
from accounts.tests.factories import UserFactory
from courses.models import CaptionTrack, Category, CourseIndexPage, CourseMedia, CoursePage, ResourcePage, SectionPage

# The first bytes of real files: enough for magic-byte detection.
MP4_BYTES = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 4000
MP3_BYTES = b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 1000
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
VTT_TEXT = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nHello\n\n00:00:02.000 --> 00:00:04.500\nWorld\n"


def instructor(**kwargs):
    return UserFactory(groups=[INSTRUCTORS], **kwargs)


def moderator(**kwargs):
    return UserFactory(groups=[MODERATORS], **kwargs)


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    locale = factory.LazyFunction(Locale.get_default)


class CoursePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Course {n}")
    summary = "A course."
    price = 0


class SectionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SectionPage

    title = factory.Sequence(lambda n: f"Section {n}")


class ResourcePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ResourcePage

    title = factory.Sequence(lambda n: f"Resource {n}")
    estimated_minutes = 5


class CourseMediaFactory(DjangoModelFactory):
    class Meta:
        model = CourseMedia

    title = factory.Sequence(lambda n: f"Media {n}")
    type = "video"
    duration = 100  # as read from a real file on upload (these bytes are not playable)
    file = factory.LazyAttribute(lambda o: ContentFile(MP4_BYTES, name="clip.mp4"))


class CaptionTrackFactory(DjangoModelFactory):
    class Meta:
        model = CaptionTrack

    title = factory.Sequence(lambda n: f"Captions {n}")
    language = "en"
    label = "English"
    file = factory.LazyAttribute(lambda o: ContentFile(VTT_TEXT.encode(), name="captions.vtt"))


def catalog():
    return CourseIndexPage.objects.get(locale=Locale.get_default())


def publish(page, user=None):
    page.save_revision(user=user).publish()
    page.refresh_from_db()
    return page


def build_course(sections=2, resources_per_section=2, parent=None, free_preview_first=True, **course_kwargs):
    """A published course with its sections and resources (plain rich-text bodies)."""
    course = CoursePageFactory(parent=parent or catalog(), **course_kwargs)
    for s in range(sections):
        section = SectionPageFactory(parent=course, title=f"Section {s + 1}")
        for r in range(resources_per_section):
            ResourcePageFactory(
                parent=section,
                title=f"Resource {s + 1}.{r + 1}",
                free_preview=free_preview_first and s == 0 and r == 0,
                body=[("rich_text", f"<p>Body of resource {s + 1}.{r + 1}</p>")],
            )
    return course
