"""Demo certificates (``seed_demo`` calls ``seed``): the Classic design in Spanish, a
signatory, and three learners who finished a course — one in English, one through the
Spanish version of the free course, and one whose certificate was revoked. Idempotent."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Locale

from courses.learning.enrollment import Source, enroll
from courses.learning.progress import mark_complete
from courses.models import CoursePage, ResourcePage

from .issuing import issue_if_complete, revoke
from .models import Certificate, CertificateTemplate
from .tasks import queue_render

PASSWORD = "aula-demo-2026"
FREE_COURSE = "python-from-scratch"
PAID_COURSE = "data-visualisation"
SPANISH_CLASSIC = {"heading": "Certificado de finalización", "statement": "ha completado con éxito el curso"}
LEARNERS = [
    # (email, name, course slug, language of the course page they learned through, revoked because)
    ("ben@aula.test", "Ben Okafor", FREE_COURSE, "en", ""),
    ("lucia@aula.test", "Lucía Fernández", FREE_COURSE, "es", ""),
    ("victor@aula.test", "Victor Vance", PAID_COURSE, "en", "The final exercise was copied from another learner."),
]


def seed(stdout):
    created = _seed_designs()
    for email, name, slug, language, revoked_because in LEARNERS:
        created += _seed_learner(stdout, email, name, slug, language, revoked_because)
    return created


def _seed_designs():
    created = 0
    classic = CertificateTemplate.objects.filter(name="Classic", locale=Locale.get_default()).first()
    spanish = Locale.objects.filter(language_code="es").first()
    if classic is None:
        return 0
    if not classic.signatory_name:
        classic.signatory_name, classic.signatory_title = "Ada Admin", "Director of studies"
        classic.save_revision().publish()
        created += 1
    if spanish is not None and classic.get_translation_or_none(spanish) is None:
        translation = classic.copy_for_translation(spanish)
        translation.heading, translation.statement = SPANISH_CLASSIC["heading"], SPANISH_CLASSIC["statement"]
        translation.signatory_title = "Directora de estudios"
        translation.save()
        translation.save_revision().publish()
        created += 1
    return created


def _seed_learner(stdout, email, name, slug, language, revoked_because):
    User = get_user_model()
    locale = Locale.objects.filter(language_code=language).first()
    source = CoursePage.objects.filter(slug=slug, locale=Locale.get_default()).first()
    course = source.get_translation_or_none(locale) if source is not None and locale is not None else None
    if course is None:
        return 0
    course = course.specific
    user = User.objects.filter(email=email).first()
    if user is not None and Certificate.objects.filter(user=user, course_key=course.translation_key).exists():
        return 0
    created = 0
    with transaction.atomic():
        if user is None:
            user = User.objects.create_user(email, PASSWORD, display_name=name)
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            created += 1
        enroll(user, course, Source.FREE if course.is_free else Source.PURCHASE)
        for resource in ResourcePage.objects.descendant_of(course).live().order_by("path"):
            mark_complete(user, resource)  # as if they had watched, read and passed everything
        certificate = issue_if_complete(user, course)
        if certificate is None:
            return created
        created += 1
        if revoked_because:
            instructor = course.owner or User.objects.filter(is_superuser=True).first()
            revoke(certificate, instructor, revoked_because)
    if not certificate.is_revoked:
        transaction.on_commit(lambda: queue_render(certificate.pk))
    stdout.write(f"  certificate {certificate.display_code} ({language}) for {email}")
    return created
