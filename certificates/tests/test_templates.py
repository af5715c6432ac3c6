"""Certificate templates in the editor: validation, preview, the three designs, the course's
link (the same for every language version) and the site default."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from accounts.roles import EDITORS
from accounts.tests.factories import UserFactory
from courses.tests.factories import publish

from ..models import CertificateSettings, CertificateTemplate
from ..templates import default_template, template_for_course
from .factories import certificate_of, complete_course

pytestmark = pytest.mark.django_db

ADD_URL = "wagtailsnippets_certificates_certificatetemplate:add"
GOOD_LAYOUT = (
    "<div class='sheet'><h1>{{ heading }}</h1><p>{{ holder_name }}</p><p>{{ course_title }}</p>{{ qr_code }}</div>"
)


@pytest.fixture
def editor(client):
    user = UserFactory(groups=[EDITORS])
    client.force_login(user)
    return user


def translate_course(course, language):
    """The course and its pages translated with wagtail-localize (as "Translate" does) and
    published."""
    from wagtail.models import Page
    from wagtail_localize.operations import TranslationCreator

    admin = UserFactory(is_superuser=True, is_staff=True)
    locale = Locale.objects.get(language_code=language)
    creator = TranslationCreator(admin, [locale])
    for page in Page.objects.descendant_of(course, inclusive=True).order_by("path").specific():
        creator.create_translations(page)
        publish(page.get_translation(locale).specific)
    return course.get_translation(locale).specific


def form_data(**overrides):
    data = {
        "name": "Gala",
        "page_size": "A4 landscape",
        "heading": "Certificate",
        "statement": "completed",
        "layout": GOOD_LAYOUT,
        "css": "h1 { color: navy; }",
        "signatory_name": "",
        "signatory_title": "",
        "signature_image": "",
        "action-publish": "action-publish",
    }
    return {**data, **overrides}


def add(client, **overrides):
    return client.post(reverse(ADD_URL) + "?locale=en", form_data(**overrides))


def test_three_designs_exist_and_classic_is_the_default():
    names = set(CertificateTemplate.objects.filter(live=True).values_list("name", flat=True))
    assert {"Classic", "Modern", "Minimal"} <= names
    assert default_template().name == "Classic"


def test_editor_publishes_a_valid_template(client, editor):
    response = add(client)
    assert response.status_code == 302
    template = CertificateTemplate.objects.get(name="Gala")
    assert template.live and template.latest_revision is not None


@pytest.mark.parametrize(
    ("layout", "message"),
    [
        ("<div><p>{{ holder_name }}</div", "never closed"),
        ("<p>{{ holder_name }}</p>", "Show how to verify the certificate"),
        ("<p>{{ qr_code }}</p>", "A certificate names its holder"),
        ("<div>{{ holder_name }}</span></div>", "closes nothing"),
        ("<p>{{ holders_name }}</p>", "Unknown placeholder: {{ holders_name }}"),
        ("<p>{% include '/etc/passwd' %}</p>", "no {% … %} tags"),
        ("<p>{{ holder_name }</p>", "not closed"),
        ("<script>alert(1)</script>", "&lt;script&gt; is not allowed"),
        ("<img src='file:///etc/passwd'>", "not file:///etc/passwd"),
        ("<img src='https://evil.example/x.png'>", "not https://evil.example/x.png"),
    ],
)
def test_a_broken_template_gets_a_clear_error_in_the_editor(client, editor, layout, message):
    response = add(client, layout=layout)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CertificateTemplate.objects.filter(name="Gala").exists()


def test_css_reaching_outside_the_site_is_refused(client, editor):
    response = add(client, css="@import url(http://evil.example/a.css); body { color: red }")
    assert response.status_code == 200
    assert "not http://evil.example/a.css" in response.content.decode()
    assert not CertificateTemplate.objects.filter(name="Gala").exists()


def test_the_editor_previews_the_certificate_as_html_and_pdf(client, editor):
    template = CertificateTemplate.objects.get(name="Classic")
    url = reverse("wagtailsnippets_certificates_certificatetemplate:preview_on_edit", args=[template.pk])
    data = form_data(name="Classic", layout=template.layout, css=template.css)
    data.pop("action-publish")
    assert client.post(url, data).json()["is_valid"]
    html = client.get(url)
    assert html.status_code == 200
    assert "Ana María Quintero" in html.content.decode()
    # The design's <style> applies in the browser: the public CSP (style-src 'self') would drop it.
    policy = dict(
        directive.strip().split(" ", 1) for directive in html.get("Content-Security-Policy", "").split(";") if directive
    )
    assert "<style>" in html.content.decode()
    assert "'unsafe-inline'" in policy.get("style-src", "'unsafe-inline'")
    assert "'unsafe-inline'" not in policy.get("script-src", "")
    pdf = client.get(url + "?mode=pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_a_course_uses_its_template_else_the_site_default(free_course):
    modern = CertificateTemplate.objects.get(name="Modern")
    assert template_for_course(free_course, "en").name == "Classic"
    settings = CertificateSettings.objects.get()
    settings.default_template = CertificateTemplate.objects.get(name="Minimal")
    settings.save()
    assert template_for_course(free_course, "en").name == "Minimal"
    free_course.certificate_template = modern
    publish(free_course)
    assert template_for_course(free_course, "en") == modern


def test_the_course_template_is_synchronised_across_translations(free_course, locales):
    """Translated with wagtail-localize, the Spanish course names the same design, and
    follows when the English course changes it."""
    from wagtail_localize.models import TranslationSource
    from wagtail_localize.operations import TranslationCreator

    admin = UserFactory(is_superuser=True, is_staff=True)
    spanish = Locale.objects.get(language_code="es")
    free_course.certificate_template = CertificateTemplate.objects.get(name="Modern")
    publish(free_course)
    TranslationCreator(admin, [spanish]).create_translations(free_course)
    spanish_course = free_course.get_translation(spanish).specific
    assert spanish_course.certificate_template.name == "Modern"

    free_course.certificate_template = CertificateTemplate.objects.get(name="Minimal")
    publish(free_course)
    source, _created = TranslationSource.update_or_create_from_instance(free_course)
    source.create_or_update_translation(spanish, user=admin, publish=True, fallback=True)
    spanish_course.refresh_from_db()
    assert spanish_course.certificate_template.name == "Minimal"


def test_a_spanish_learner_gets_the_spanish_translation_of_the_design(student, free_course, locales):
    classic = CertificateTemplate.objects.get(name="Classic")
    spanish = classic.copy_for_translation(Locale.objects.get(language_code="es"))
    spanish.heading = "Certificado de finalización"
    spanish.save()
    spanish_course = translate_course(free_course, "es")
    spanish_course.title = "Curso gratuito"
    publish(spanish_course)
    complete_course(student, spanish_course)
    certificate = certificate_of(student, free_course)
    assert certificate.language == "es"
    assert certificate.title == "Curso gratuito"
    assert certificate.template == spanish


def test_the_editor_lists_the_placeholders(client, editor):
    html = client.get(reverse(ADD_URL) + "?locale=en").content.decode()
    assert "Placeholders" in html
    assert "{{ holder_name }}" in html and "{{ qr_code }}" in html


def test_students_and_instructors_cannot_edit_templates(client, teacher):
    client.force_login(teacher)
    response = client.get(reverse(ADD_URL) + "?locale=en")
    assert response.status_code in (302, 403)
