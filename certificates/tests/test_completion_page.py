"""The completion moment: finishing a course leads to a page that celebrates it, with the
certificate (its PDF once rendered, "being prepared" before), LinkedIn's add-to-profile
link, a verification link to copy, and what to learn next — the student's own page."""

import html as html_lib
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from courses.learning.enrollment import Source, enroll
from courses.tests.factories import CategoryFactory, build_course

from .factories import certificate_of, complete_course

pytestmark = pytest.mark.django_db


def completion_page(client, course):
    return client.get(reverse("course_completed", args=[course.pk]))


def test_finishing_the_last_requirement_leads_to_the_celebration(client, student, free_course):
    from courses.models import ResourcePage

    client.force_login(student)
    resources = list(ResourcePage.objects.descendant_of(free_course).live().order_by("path"))
    client.post(reverse("course_enroll", args=[free_course.pk]))
    response = None
    for resource in resources:
        response = client.post(reverse("resource_complete", args=[resource.pk]))
    assert response.status_code == 302
    assert response.url == reverse("course_completed", args=[free_course.pk])
    page = client.get(response.url).content.decode()
    assert "Congratulations!" in page and "Your certificate" in page


def test_the_certificate_is_ready_to_download_and_share(client, completed, free_course):
    certificate = certificate_of(completed, free_course)
    client.force_login(completed)
    response = completion_page(client, free_course)
    page = response.content.decode()
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
    assert reverse("certificates:pdf", args=[certificate.display_code]) in page
    assert "being prepared" not in page
    link = re.search(r'id="certificate-link" value="([^"]+)"', page).group(1)
    assert link == certificate.verification_url() and link.startswith("http://testserver/")
    assert "data-aula-copy-button" in page and ">Copy<" in page
    linkedin = html_lib.unescape(re.search(r'href="(https://www.linkedin.com/profile/add[^"]+)"', page).group(1))
    query = parse_qs(urlsplit(linkedin).query)
    assert query["startTask"] == ["CERTIFICATION_NAME"]
    assert query["name"] == [certificate.title]
    assert query["certUrl"] == [certificate.verification_url()]
    assert query["certId"] == [certificate.display_code]
    assert query["issueYear"] == [str(certificate.issued_at.year)]
    assert query["issueMonth"] == [str(certificate.issued_at.month)]
    assert query["organizationName"]
    assert "certificates/js/share.js" in page


def test_while_the_pdf_is_rendered_the_certificate_is_being_prepared(client, student, free_course):
    complete_course(student, free_course)  # the background job has not run (no commit here)
    certificate = certificate_of(student, free_course)
    assert certificate is not None and not certificate.pdf
    client.force_login(student)
    page = completion_page(client, free_course).content.decode()
    assert 'data-aula-certificate="preparing"' in page
    assert reverse("certificates:pdf", args=[certificate.display_code]) not in page
    assert certificate.verification_url() in page  # verification works already


def test_what_next_offers_courses_of_the_category_not_owned(client, completed, free_course, teacher):
    category = CategoryFactory(name="Drawing", slug="drawing")
    free_course.category = category
    free_course.save_revision().publish()
    same = build_course(title="More drawing", slug="more-drawing", price=0, category=category)
    owned = build_course(title="Already mine", slug="already-mine", price=0, category=category)
    enroll(completed, owned, Source.FREE)
    client.force_login(completed)
    page = completion_page(client, free_course).content.decode()
    what_next = page.split('id="next-courses-heading"', 1)[1]
    assert "More in Drawing" in what_next
    assert "More drawing" in what_next
    assert "Already mine" not in what_next
    assert ">Free course<" not in what_next
    assert same.url in what_next


def test_nobody_else_sees_a_students_completion_page(client, completed, free_course, student):
    from accounts.tests.factories import UserFactory

    other = UserFactory()
    client.force_login(other)
    response = completion_page(client, free_course)
    assert response.status_code == 302 and response.url == free_course.url
    client.logout()
    assert completion_page(client, free_course).status_code == 302


def test_a_revoked_certificate_is_not_offered(client, completed, free_course):
    from django.utils import timezone

    from ..models import Certificate

    Certificate.objects.filter(user=completed).update(revoked_at=timezone.now())
    client.force_login(completed)
    page = completion_page(client, free_course).content.decode()
    assert "Congratulations!" in page
    assert "Your certificate" not in page and "linkedin.com" not in page
