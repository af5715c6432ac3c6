import io

from django.utils import timezone

from certificates.models import Certificate
from events import demo
from events.models import MasterClassPage, Registration


def test_demo_has_a_past_class_with_recording_and_certificate_and_two_upcoming(capsys):
    classes = {page.slug: page for page in MasterClassPage.objects.live().filter(locale__language_code="en")}
    past, free, paid = classes[demo.PAST], classes[demo.FREE], classes[demo.PAID]
    now = timezone.now()
    assert past.end < now < free.start and now < paid.start
    assert past.recording and past.recording[0].value["video"] is not None
    assert past.recording[0].value["captions"]
    assert free.is_free and paid.price > 0
    attended = Registration.objects.get(master_class_key=past.translation_key, user__email=demo.STUDENT)
    assert attended.status == Registration.Status.ATTENDED
    certificate = Certificate.objects.get(kind=Certificate.Kind.MASTER_CLASS, user__email=demo.STUDENT)
    assert certificate.course_key == past.translation_key and certificate.pdf
    spanish = free.get_translation_or_none(free.locale.__class__.objects.get(language_code="es"))
    assert spanish is not None and spanish.live and spanish.title == "Funciones de ventana en SQL, en directo"
    assert demo.seed(io.StringIO()) == 0 and demo.seed_translations(io.StringIO()) == 0
