"""Fixtures of the announcements, messages and contact form tests (imported by each test
module): a free course taught by ``teacher``, a student enrolled in it, an outsider who is
not, a second course taught by ``other_teacher``, a moderator and an editor."""

import pytest

from accounts.roles import EDITORS
from courses.learning import enrollment
from courses.tests import factories


@pytest.fixture
def teacher(db):
    return factories.instructor(display_name="Teacher One", email="teacher@example.org")


@pytest.fixture
def other_teacher(db):
    return factories.instructor(display_name="Teacher Two", email="teacher2@example.org")


@pytest.fixture
def course(db, teacher):
    course = factories.build_course(title="Botany", slug="botany", price=0, owner=teacher, sections=1)
    course.instructors.add(teacher)
    course.save()
    return course


@pytest.fixture
def other_course(db, other_teacher):
    course = factories.build_course(title="Geology", slug="geology", price=0, owner=other_teacher, sections=1)
    course.instructors.add(other_teacher)
    course.save()
    return course


@pytest.fixture
def student(course):
    user = factories.UserFactory(display_name="Stu Dent", email="stu@example.org")
    enrollment.enroll(user, course, enrollment.Source.FREE)
    return user


@pytest.fixture
def classmate(course):
    user = factories.UserFactory(display_name="Cora Classmate", email="cora@example.org")
    enrollment.enroll(user, course, enrollment.Source.FREE)
    return user


@pytest.fixture
def outsider(db):
    return factories.UserFactory(display_name="Out Sider", email="out@example.org")


@pytest.fixture
def moderator(db):
    return factories.moderator(display_name="Mo Derator", email="mo@example.org")


@pytest.fixture
def editor(db):
    return factories.UserFactory(display_name="Ed Itor", email="ed@example.org", groups=[EDITORS])


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what a request leaves for after its transaction (notify's deliveries)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
