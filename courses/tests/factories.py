import struct

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from accounts.roles import INSTRUCTORS, MODERATORS
from accounts.tests.factories import UserFactory
from courses.models import CaptionTrack, Category, CourseIndexPage, CourseMedia, CoursePage, ResourcePage, SectionPage


def _box(kind, payload):
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def mp4_bytes(seconds=100, width=320, height=180):
    """An MP4's boxes (ftyp, then moov with its mvhd and a video track's tkhd): what
    magic-byte detection and Aula's duration and size reader look at; no playable frames."""
    mvhd = _box(b"mvhd", bytes(4) + struct.pack(">IIII", 0, 0, 1000, seconds * 1000) + bytes(80))
    tkhd = _box(b"tkhd", bytes(4) + bytes(72) + struct.pack(">II", width << 16, height << 16))
    ftyp = _box(b"ftyp", b"mp42\x00\x00\x00\x00mp42isom")
    return ftyp + _box(b"moov", mvhd + _box(b"trak", tkhd)) + _box(b"free", bytes(4000))


def mp3_bytes(frames=40):
    """MPEG-1 layer III frames at 128 kbit/s, 44.1 kHz (417 bytes each, silent): 40 ≈ 1 s."""
    return b"ID3\x03\x00\x00\x00\x00\x00\x00" + (b"\xff\xfb\x90\x00" + bytes(413)) * frames


# Files as uploaded: enough for magic-byte detection and for reading the duration.
MP4_BYTES = mp4_bytes()
MP3_BYTES = mp3_bytes()
# Only the first bytes of an MP4: its type is recognised, its duration cannot be read.
UNREADABLE_MP4_BYTES = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 4000
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


def paid_course(teacher):
    """The ``paid_course`` fixture's course: 49.00, two sections of two resources."""
    return _taught_course(teacher, title="Paid course", slug="paid-course", price="49.00")


def free_course(teacher):
    """The ``free_course`` fixture's course: free, two sections of two resources."""
    return _taught_course(teacher, title="Free course", slug="free-course", price=0)


def _taught_course(teacher, **fields):
    course = build_course(owner=teacher, **fields)
    course.instructors.add(teacher)
    course.save()
    return course


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
