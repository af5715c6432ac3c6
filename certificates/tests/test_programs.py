"""Program and master-class certificates, with programs and master classes built here (their
page types live in other apps) following the protocols ``issuing`` documents."""

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from courses.tests.factories import build_course

from ..issuing import issue_attendance_certificate, issue_program_certificate
from ..models import Certificate
from .factories import complete_course

pytestmark = pytest.mark.django_db


@dataclass
class Program:
    title: str
    courses: list
    translation_key: uuid.UUID = field(default_factory=uuid.uuid4)

    def course_keys(self):
        return [course.translation_key for course in self.courses]


@dataclass
class MasterClass:
    title: str
    attendees: set
    hours: Decimal = Decimal("2")
    ends_at: datetime = datetime(2026, 11, 20, 18, tzinfo=UTC)
    instructor_names: list = field(default_factory=lambda: ["Guest Speaker"])
    translation_key: uuid.UUID = field(default_factory=uuid.uuid4)

    def attended_by(self, user):
        return user.pk in self.attendees


@pytest.fixture
def second_course(catalog, teacher):  # noqa: ARG001
    course = build_course(title="Second course", slug="second-course", price=0, owner=teacher, estimated_hours=3)
    course.instructors.add(teacher)
    course.save()
    return course


def test_a_program_certificate_needs_every_course_certified(student, free_course, second_course):
    program = Program("Data programme", [free_course, second_course])
    complete_course(student, free_course)
    assert issue_program_certificate(student, program) is None
    complete_course(student, second_course)
    certificate = issue_program_certificate(student, program)
    assert certificate.kind == Certificate.Kind.PROGRAM
    assert certificate.title == "Data programme"
    courses = Certificate.objects.filter(user=student, kind=Certificate.Kind.COURSE)
    assert certificate.duration_seconds == sum(course.duration_seconds for course in courses) > 0
    assert certificate.hours == (Decimal(certificate.duration_seconds) / 3600).quantize(Decimal("0.1"))
    assert certificate.instructor_names == ["Teacher One"]
    assert issue_program_certificate(student, program).pk == certificate.pk  # once


def test_a_revoked_course_certificate_blocks_the_program(student, free_course, second_course):
    program = Program("Data programme", [free_course, second_course])
    complete_course(student, free_course)
    complete_course(student, second_course)
    Certificate.objects.filter(course_key=free_course.translation_key).update(revoked_at=datetime.now(UTC))
    assert issue_program_certificate(student, program) is None


def test_an_empty_program_issues_nothing(student):
    assert issue_program_certificate(student, Program("Empty", [])) is None


def test_attendance_certificate_only_for_attendees(student, other_teacher):
    master_class = MasterClass("Live: SQL tuning", attendees={student.pk})
    assert issue_attendance_certificate(other_teacher, master_class) is None
    certificate = issue_attendance_certificate(student, master_class)
    assert certificate.kind == Certificate.Kind.MASTER_CLASS
    assert (certificate.title, certificate.hours) == ("Live: SQL tuning", Decimal("2"))
    assert certificate.completed_at == master_class.ends_at
    assert certificate.instructor_names == ["Guest Speaker"]
    assert issue_attendance_certificate(student, master_class).pk == certificate.pk


def test_an_attendance_certificate_renders(student, django_capture_on_commit_callbacks):
    master_class = MasterClass("Live: SQL tuning", attendees={student.pk})
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue_attendance_certificate(student, master_class)
    certificate.refresh_from_db()
    assert certificate.pdf.read().startswith(b"%PDF")
