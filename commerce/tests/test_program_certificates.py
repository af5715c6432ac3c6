"""Completing the last course of a program issues the program's certificate, in its design."""

import pytest

from certificates.models import Certificate, CertificateTemplate
from certificates.tests.factories import complete_course
from courses.tests.factories import build_course, publish

from . import factories

pytestmark = pytest.mark.django_db


def test_the_last_course_of_a_program_issues_its_certificate_once(buyer):
    first = publish(build_course(title="First", slug="first", price=0))
    second = publish(build_course(title="Second", slug="second", price=0))
    bundle = factories.program("Two courses", [first, second], "10.00")
    design = CertificateTemplate.objects.filter(live=True).order_by("pk").last()
    bundle.certificate_template = design
    publish(bundle)

    complete_course(buyer, first)
    assert not Certificate.objects.filter(user=buyer, course_key=bundle.translation_key).exists()
    complete_course(buyer, second)
    program_certificate = Certificate.objects.get(user=buyer, course_key=bundle.translation_key)
    assert program_certificate.kind == Certificate.Kind.PROGRAM
    assert program_certificate.title == "Two courses"
    assert program_certificate.template_id == design.pk
    assert Certificate.objects.filter(user=buyer).count() == 3  # two courses and the program
