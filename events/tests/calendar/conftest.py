import pytest

from courses.learning import enrollment
from courses.tests import factories as course_factories

from . import factories


@pytest.fixture
def teacher(db):
    return course_factories.instructor(display_name="Teacher One")


@pytest.fixture
def student(db):
    return course_factories.UserFactory(display_name="Ada Student", email="ada@example.com")


@pytest.fixture
def other_student(db):
    return course_factories.UserFactory(display_name="Bob Other", email="bob@example.com")


@pytest.fixture
def course(db, teacher):
    course = course_factories.build_course(title="Astronomy", slug="astronomy", price=0, owner=teacher)
    course.instructors.add(teacher)
    course.save()
    return course


@pytest.fixture
def other_course(db, teacher):
    return course_factories.build_course(title="Geology", slug="geology", price=0, owner=teacher)


@pytest.fixture
def enrolled(course, student):
    enrollment.enroll(student, course, enrollment.Source.FREE)
    return student


@pytest.fixture
def live(course):
    return factories.live_session_resource(course)


@pytest.fixture
def calendar(db):
    return factories.calendar_page()
