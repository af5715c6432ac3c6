from certificates import demo
from certificates.models import Certificate, CertificateTemplate


def test_demo_has_certificates_in_two_languages_and_one_revoked(capsys):
    of_courses = Certificate.objects.exclude(kind=Certificate.Kind.MASTER_CLASS)  # events' demo adds one (test_events)
    certificates = {c.user.email: c for c in of_courses.select_related("user", "template__locale")}
    assert set(certificates) == {"ben@aula.test", "lucia@aula.test", "victor@aula.test"}
    lucia = certificates["lucia@aula.test"]
    assert (lucia.language, lucia.title) == ("es", "Python desde cero")
    assert lucia.template.locale.language_code == "es"
    assert certificates["ben@aula.test"].language == "en"
    assert [c.is_revoked for c in certificates.values()].count(True) == 1
    assert certificates["victor@aula.test"].is_revoked
    assert lucia.pdf and certificates["ben@aula.test"].pdf
    assert CertificateTemplate.objects.filter(name="Classic").count() == 2  # English and Spanish
    assert demo.seed(capsys) == 0
