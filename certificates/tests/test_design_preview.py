"""Instructors preview the certificate designs their courses use (the course's, or the
site's default), never another course's; editors preview every design. Linked from the
course's statistics page."""

import pytest
from django.urls import reverse

from accounts.roles import EDITORS
from accounts.tests.factories import UserFactory
from courses.tests import factories

from ..models import CertificateTemplate
from ..templates import default_template

pytestmark = pytest.mark.django_db


def preview_url(template, mode=""):
    url = reverse("certificate_design_preview", args=(template.pk,))
    return f"{url}?mode={mode}" if mode else url


@pytest.fixture
def designs(free_course, other_teacher):  # noqa: F811
    mine, theirs = CertificateTemplate.objects.filter(live=True).exclude(pk=default_template().pk).order_by("pk")[:2]
    free_course.certificate_template = mine
    free_course.save()
    other = factories.build_course(title="Theirs", slug="theirs", owner=other_teacher, sections=0)
    other.certificate_template = theirs
    other.save()
    return mine, theirs


def test_an_instructor_previews_the_design_their_course_uses(client, teacher, designs):
    mine, theirs = designs
    client.force_login(teacher)
    html = client.get(preview_url(mine))
    assert html.status_code == 200 and "Ana María Quintero" in html.content.decode()
    pdf = client.get(preview_url(mine, "pdf"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_an_instructor_never_previews_another_courses_design(client, teacher, designs):
    mine, theirs = designs
    client.force_login(teacher)
    response = client.get(preview_url(theirs))
    assert response.status_code == 403
    assert "You can preview the certificate designs your own courses use only." in response.content.decode()
    assert client.get("/admin/certificates/designs/999999/preview/").status_code == 403


def test_a_course_on_the_sites_default_previews_the_default(client, other_teacher, free_course):  # noqa: F811
    client.force_login(other_teacher)
    factories.build_course(title="Default design", slug="default-design", owner=other_teacher, sections=0)
    assert client.get(preview_url(default_template())).status_code == 200


def test_an_unknown_mode_shows_the_html_preview(client, teacher, designs):
    client.force_login(teacher)
    response = client.get(preview_url(designs[0], "docx"))
    assert response.status_code == 200 and "Ana María Quintero" in response.content.decode()


def test_editors_preview_every_design_and_students_none(client, designs, student):  # noqa: F811
    client.force_login(UserFactory(groups=[EDITORS]))
    assert client.get(preview_url(designs[1])).status_code == 200
    client.force_login(student)
    assert client.get(preview_url(designs[1])).status_code == 302  # no admin at all


def test_the_statistics_page_links_to_the_courses_design(client, teacher, designs, free_course):  # noqa: F811
    client.force_login(teacher)
    html = client.get(reverse("course_statistics:detail", args=(free_course.pk,))).content.decode()
    assert "Certificate design" in html and designs[0].name in html
    assert f'href="{preview_url(designs[0])}"' in html and f'href="{preview_url(designs[0])}?mode=pdf"' in html
