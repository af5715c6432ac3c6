"""Demo master classes (``seed_demo`` calls ``seed``, then ``seed_translations``): a past
class with its recording (the courses demo's video and captions) and the demo student's
attendance certificate, an upcoming free class and an upcoming paid one; the free one
translated into Spanish. Times are relative to when the demo is loaded. Idempotent."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.models import Collection, Locale

from .attendance import mark
from .models import MasterClassIndexPage, MasterClassPage, Registration

PAST, FREE, PAID = "reading-query-plans", "sql-window-functions-live", "designing-dashboards-live"
TEACHER, STUDENT = "instructor@aula.test", "student@aula.test"

CLASSES = {
    PAST: {
        "title": "Reading query plans, live",
        "summary": "Why is this query slow? We read real query plans together and fix them.",
        "description": "<p>Ninety minutes with a database engineer: EXPLAIN, indexes and the usual suspects.</p>",
        "days": -7, "price": Decimal("0"), "capacity": 40,
    },
    FREE: {
        "title": "SQL window functions, live",
        "summary": "Ranking, running totals and moving averages: window functions explained with live queries.",
        "description": "<p>Bring your questions: we write window functions live and answer them as we go.</p>",
        "days": 5, "price": Decimal("0"), "capacity": 30,
    },
    PAID: {
        "title": "Designing dashboards people read",
        "summary": "A small-group workshop: from a cluttered dashboard to one that answers its questions.",
        "description": "<p>A hands-on workshop with feedback on your own dashboards. Twelve seats.</p>",
        "days": 12, "price": Decimal("25.00"), "capacity": 12,
    },
}  # fmt: skip

SPANISH = {
    "Master classes": "Clases magistrales",
    "SQL window functions, live": "Funciones de ventana en SQL, en directo",
    "Ranking, running totals and moving averages: window functions explained with live queries.": (
        "Rankings, totales acumulados y medias móviles: las funciones de ventana explicadas con consultas en directo."
    ),
    "Bring your questions: we write window functions live and answer them as we go.": (
        "Trae tus preguntas: escribimos funciones de ventana en directo y las respondemos sobre la marcha."
    ),
    "Slides and the queries we will write.": "Diapositivas y las consultas que escribiremos.",
}


def seed(stdout):
    from . import calendar_demo

    calendar_demo.seed(stdout)
    locale = Locale.get_default()
    index = MasterClassIndexPage.objects.filter(locale=locale).first()
    if index is None:
        return 0
    users = get_user_model().objects.filter(email__in=[TEACHER, STUDENT])
    teacher, student = (next((u for u in users if u.email == email), None) for email in (TEACHER, STUDENT))
    created = 0
    pages = {}
    for slug, spec in CLASSES.items():
        pages[slug], made = _master_class(index, slug, spec, teacher)
        created += made
    if student is not None:
        created += _past_attendance(pages[PAST], student)
    if created:
        stdout.write(f"events: {created} master classes and registrations")
    return created


def _master_class(index, slug, spec, teacher):
    existing = MasterClassPage.objects.filter(slug=slug, locale=index.locale).first()
    if existing is not None:
        return existing, 0
    day = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=spec["days"])
    start = day.replace(hour=16)
    page = MasterClassPage(
        title=spec["title"], slug=slug, summary=spec["summary"], description=spec["description"],
        start=start, end=start + timedelta(minutes=90), capacity=spec["capacity"], price=spec["price"],
        meeting_url="https://meet.example.org/aula-" + slug, owner=teacher,
        materials=[("rich_text", "<p>Slides and the queries we will write.</p>")],
    )  # fmt: skip
    if spec["days"] < 0:
        page.recording = [("video", _recording(teacher))]
    index.add_child(instance=page)
    if teacher is not None:
        page.instructors.add(teacher)
    page.save_revision(user=teacher).publish()
    return page, 1


def _recording(owner):
    """The courses demo's welcome video (and its captions), kept outside the course
    collections: the master class decides who opens it."""
    from courses.demo import DEMO_DURATIONS, DEMO_MEDIA
    from courses.media_duration import read_duration
    from courses.models import CaptionTrack, CourseMedia

    collection = Collection.get_first_root_node()
    video = CourseMedia.objects.filter(title="Master class recording").first()
    if video is None:
        video = CourseMedia(title="Master class recording", type="video", collection=collection, width=640, height=360)
        video.file.save(
            "master-class-recording.mp4", ContentFile((DEMO_MEDIA / "welcome.mp4").read_bytes()), save=False
        )
        video.duration = read_duration(video.file) or DEMO_DURATIONS["welcome.mp4"]
        video.uploaded_by_user = owner
        video.save()
    track = CaptionTrack.objects.filter(title="Master class recording · English").first()
    if track is None:
        track = CaptionTrack(title="Master class recording · English", language="en", label="English")
        if hasattr(track, "collection"):
            track.collection = collection
        vtt = "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nWelcome to the recording of this master class.\n"
        track.file.save("master-class-recording.vtt", ContentFile(vtt.encode()), save=False)
        track.save()
    return {"title": "Recording", "video": video, "poster": None, "captions": [track]}


def _past_attendance(page, student):
    """The demo student attended the past class: registered (before it started), marked,
    and certified."""
    if Registration.objects.filter(user=student, master_class_key=page.translation_key).exists():
        return 0
    registration = Registration.objects.create(
        user=student, master_class_key=page.translation_key, master_class=page, status=Registration.Status.REGISTERED,
        created_at=page.start - timedelta(days=3), language="en",
    )  # fmt: skip
    mark(page, [registration.pk])
    return 1


def seed_translations(stdout):
    from core.translations import fill_translation, translation_of

    from . import calendar_demo

    calendar_demo.seed_translations(stdout)
    spanish = Locale.objects.filter(language_code="es").first()
    source = MasterClassPage.objects.filter(slug=FREE, locale=Locale.get_default()).first()
    if spanish is None or source is None:
        return 0
    created = 0
    for page in (source.get_parent().specific, source):
        translated = page.get_translation_or_none(spanish)
        if translated is not None and translated.live and translation_of(translated) is not None:
            continue
        fill_translation(page, spanish, SPANISH)
        created += 1
    return created
