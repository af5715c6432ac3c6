"""The holder's page and PDF, the public verification page and form, the dashboard panel
and the course page's action."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from courses.tests.factories import moderator

from ..models import Certificate
from .factories import certificate_of, complete_course

# The teachers, the student and both courses are built once for this module (courses/tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("courses_built_once")]


@pytest.fixture
def certificate(completed, free_course):
    return certificate_of(completed, free_course)


def verify_url(code):
    from urllib.parse import quote

    return f"/en/certificates/verify/{quote(code, safe='')}/"


def test_holder_sees_the_certificate_with_download_and_linkedin(client, certificate):
    client.force_login(certificate.user)
    response = client.get(certificate.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("certificates:pdf", args=[certificate.display_code]) in html
    assert "Add to LinkedIn profile" in html
    assert "no-store" in response["Cache-Control"]


def test_linkedin_link_is_the_documented_add_to_profile_url(client, certificate):
    from ..views import linkedin_url

    parts = urlsplit(linkedin_url(certificate))
    query = parse_qs(parts.query)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "www.linkedin.com", "/profile/add")
    assert query["startTask"] == ["CERTIFICATION_NAME"]
    assert query["name"] == ["Free course"]
    assert query["certId"] == [certificate.display_code]
    assert query["certUrl"] == [certificate.verification_url()]
    assert query["issueYear"] == [str(certificate.issued_at.year)]
    assert query["issueMonth"] == [str(certificate.issued_at.month)]
    assert query["organizationName"]


def test_holder_downloads_the_pdf(client, certificate):
    client.force_login(certificate.user)
    response = client.get(reverse("certificates:pdf", args=[certificate.display_code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "private" in response["Cache-Control"]


def test_the_course_instructor_and_moderators_open_it_too(client, certificate, teacher):
    for user in (teacher, moderator()):
        client.force_login(user)
        assert client.get(reverse("certificates:pdf", args=[certificate.display_code])).status_code == 200


def test_another_student_or_instructor_cannot_open_it(client, certificate, other_teacher):
    for user in (UserFactory(), other_teacher):
        client.force_login(user)
        assert client.get(certificate.get_absolute_url()).status_code == 404
        assert client.get(reverse("certificates:pdf", args=[certificate.display_code])).status_code == 404


def test_anonymous_visitors_are_asked_to_log_in(client, certificate):
    response = client.get(reverse("certificates:pdf", args=[certificate.display_code]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_revoked_certificates_pdf_is_gone_with_a_clear_page(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=timezone.now(), revocation_reason="Plagiarism")
    client.force_login(certificate.user)
    response = client.get(reverse("certificates:pdf", args=[certificate.display_code]))
    assert response.status_code == 410
    assert "revoked" in response.content.decode()


def test_the_verification_page_shows_exactly_the_public_facts(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(grade=88)
    response = client.get(verify_url(certificate.display_code))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-aula-status="valid"' in html
    assert 'data-aula-fact="holder">A Student<' in html
    assert 'data-aula-fact="title">Free course<' in html
    assert f'data-aula-fact="code">{certificate.display_code}<' in html
    assert 'data-aula-fact="issuer"' in html
    from django.template.defaultfilters import date

    issued = date(timezone.localtime(certificate.issued_at), "DATE_FORMAT")
    assert f'data-aula-fact="issued">{issued}<' in html
    # Exactly these facts (and the duration the course page shows), nothing else about the holder.
    facts = {"holder", "title", "issued", "issuer", "code", "duration"}
    assert set(re.findall(r'data-aula-fact="(\w+)"', html)) == facts
    assert certificate.user.email not in html
    assert 'data-aula-fact="grade"' not in html  # not unless the holder chose to show it


def test_the_holder_may_show_the_grade(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(grade=88)
    client.force_login(certificate.user)
    client.post(reverse("certificates:grade_visibility", args=[certificate.display_code]), {"show_grade": "1"})
    client.logout()
    assert 'data-aula-fact="grade">88 %<' in client.get(verify_url(certificate.display_code)).content.decode()


def test_nobody_else_changes_the_grade_visibility(client, certificate, teacher):
    client.force_login(teacher)
    response = client.post(
        reverse("certificates:grade_visibility", args=[certificate.display_code]), {"show_grade": "1"}
    )
    assert response.status_code == 404
    certificate.refresh_from_db()
    assert not certificate.show_grade


def test_a_revoked_certificate_says_so_with_its_date(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=timezone.now(), revocation_reason="Fraud")
    html = client.get(verify_url(certificate.display_code)).content.decode()
    assert 'data-aula-status="revoked"' in html
    assert "Revoked on" in html
    assert "Fraud" not in html  # the reason is for the holder, not the public


def test_the_verification_page_speaks_the_visitors_language(client, certificate):
    printed = certificate.verification_url().removeprefix("http://testserver")  # no language prefix
    response = client.get(printed, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "/es/" in response["Location"]
    html = page.content.decode()
    assert "Free course" in html
    assert "Verificación de certificados" in html and "Titular" in html and "Válido" in html


def test_a_code_typed_by_hand_is_understood(client, certificate):
    sloppy = certificate.display_code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    response = client.get(reverse("certificates:verify_form"), {"code": sloppy})
    assert response.status_code == 302
    assert response["Location"].endswith(verify_url(certificate.display_code)[3:])


@pytest.mark.parametrize(
    "code",
    ["ZZZZ-ZZZZ-ZZZZ-ZZZZ", "<script>", "%00", "\x00", "ZZZZ\x00ZZZZ-ZZZZ-ZZZ", "../../etc", "A" * 200, "ÅÄÖ-1234",
     "ZZZZ-ZZZZ-ZZZZ-ZZZ\u0301", "' OR 1=1 --", "\u202eZZZZ-ZZZZ-ZZZZ-ZZZZ"],
)  # fmt: skip
def test_an_unknown_or_odd_code_gets_a_clear_404(client, certificate, code):
    response = client.get(verify_url(code))
    assert response.status_code == 404
    if "/" not in code:  # a slash leaves the verification page's address: the site's 404
        assert "Certificate not found" in response.content.decode()
    form = client.get(reverse("certificates:verify_form"), {"code": code})
    assert form.status_code in (302, 404)


def test_codes_cannot_be_enumerated(client, certificate, settings):
    settings.AULA_CERTIFICATE_VERIFY_MISSES = 5
    for _ in range(5):
        assert client.get(verify_url("ZZZZ-ZZZZ-ZZZZ-ZZZZ")).status_code == 404
    assert client.get(verify_url("ZZZZ-ZZZZ-ZZZZ-ZZZY")).status_code == 429
    assert client.get(verify_url(certificate.display_code)).status_code == 429  # even a real one, for a while


def test_lookups_are_rate_limited_per_minute(client, certificate, settings):
    settings.AULA_CERTIFICATE_VERIFY_RATE = 3
    for _ in range(3):
        assert client.get(verify_url(certificate.display_code)).status_code == 200
    response = client.get(verify_url(certificate.display_code))
    assert response.status_code == 429
    assert "Too many verifications" in response.content.decode()


@pytest.mark.parametrize("shared", [False, True], ids=["database", "personal cache"])
def test_the_dashboard_lists_my_certificates_as_issued_then_revoked(
    client, student, free_course, shared, request, django_capture_on_commit_callbacks
):
    if shared:  # as in production: the panel reads the holder's personal cache
        request.getfixturevalue("shared_cache")
    client.force_login(student)
    assert "My certificates" not in client.get(reverse("dashboard")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        complete_course(student, free_course)
    certificate = certificate_of(student, free_course)
    html = client.get(reverse("dashboard")).content.decode()
    assert "My certificates" in html and certificate.get_absolute_url() in html and "Revoked" not in html
    from certificates.issuing import revoke

    revoke(certificate, UserFactory(is_superuser=True, is_staff=True), "Issued by mistake")
    assert "Revoked" in client.get(reverse("dashboard")).content.decode()


def test_the_course_page_offers_the_certificate(client, certificate, free_course):
    client.force_login(certificate.user)
    assert certificate.get_absolute_url() in client.get(free_course.url).content.decode()
    client.force_login(UserFactory())
    assert certificate.get_absolute_url() not in client.get(free_course.url).content.decode()


def test_without_any_live_design_the_download_explains_itself(client, certificate):
    from ..models import CertificateTemplate

    CertificateTemplate.objects.update(live=False)
    certificate.pdf.storage.delete(certificate.pdf.name)
    client.force_login(certificate.user)
    response = client.get(reverse("certificates:pdf", args=[certificate.display_code]))
    assert response.status_code == 503
    assert "no published certificate design" in response.content.decode()
