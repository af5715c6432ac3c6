"""Demo data of the calendar: a live session in the free demo course (next week, so the
demo student sees it in their calendar, feed and "Coming up"), and a calendar page under
each language's home page. Idempotent."""

from datetime import UTC, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Locale

from courses.models import CoursePage, ResourcePage, SectionPage
from home.models import HomePage

from .models import CalendarPage

DEMO_COURSE = "python-from-scratch"
SESSION_TITLE = "Live questions: your first programs"
DESCRIPTION = "Bring the programs you wrote this week: we read them together."
INSTRUCTOR_EMAIL = "instructor@aula.test"
CALENDAR_TITLES = {"en": "Calendar", "es": "Calendario", "pt-br": "Calendário", "fr": "Calendrier"}


def _next_week_at_five_pm():
    today = datetime.now(UTC).replace(hour=17, minute=0, second=0, microsecond=0)
    return today + timedelta(days=7)


@transaction.atomic
def seed(stdout):
    created = _seed_live_session() + _seed_calendar_pages()
    stdout.write(f"Calendar: {created} created.")


def _seed_live_session():
    course = CoursePage.objects.filter(slug=DEMO_COURSE, locale=Locale.get_default()).first()
    section = SectionPage.objects.child_of(course).order_by("path").first() if course else None
    if section is None or ResourcePage.objects.descendant_of(course).filter(title=SESSION_TITLE).exists():
        return 0
    owner = get_user_model().objects.filter(email=INSTRUCTOR_EMAIL).first()
    start = _next_week_at_five_pm()
    resource = ResourcePage(
        title=SESSION_TITLE,
        requirement="optional",
        estimated_minutes=60,
        owner=owner,
        body=[
            (
                "live_session",
                {
                    "title": SESSION_TITLE,
                    "description": DESCRIPTION,
                    "start": start,
                    "end": start + timedelta(hours=1),
                    "join_url": "https://meet.example.org/aula-python-live",
                    "captions": [],
                },
            )
        ],
    )
    section.add_child(instance=resource)
    resource.save_revision(user=owner).publish()
    return 1


TRANSLATIONS = {
    "es": {
        SESSION_TITLE: "Preguntas en directo: tus primeros programas",
        DESCRIPTION: "Trae los programas que escribiste esta semana: los leemos juntos.",
    },
    "fr": {
        SESSION_TITLE: "Questions en direct : vos premiers programmes",
        DESCRIPTION: "Apportez les programmes écrits cette semaine : nous les lisons ensemble.",
    },
}


def seed_translations(stdout):
    """After the courses' demo has translated the free course (its pages, this one included,
    with the texts it knows): this resource's own texts, in Spanish and French."""
    from core.translations import fill_translation
    from home.translators import untranslated_strings_remain

    course = CoursePage.objects.filter(slug=DEMO_COURSE, locale=Locale.get_default()).first()
    resource = ResourcePage.objects.descendant_of(course).filter(title=SESSION_TITLE).first() if course else None
    if resource is None:
        return
    for code, texts in TRANSLATIONS.items():
        locale = Locale.objects.filter(language_code=code).first()
        translated = resource.get_translation_or_none(locale) if locale else None
        if locale is not None and (translated is None or untranslated_strings_remain(translated)):
            fill_translation(resource, locale, texts)
            stdout.write(f"Calendar: live session translated into {code}.")


def _seed_calendar_pages():
    created = 0
    for home in HomePage.objects.select_related("locale"):
        if CalendarPage.objects.child_of(home).exists():
            continue
        title = CALENDAR_TITLES.get(home.locale.language_code, "Calendar")
        intro = "<p>Live sessions, deadlines and master classes.</p>"
        page = CalendarPage(title=title, slug="calendar", show_in_menus=True, intro=intro)
        home.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    return created
