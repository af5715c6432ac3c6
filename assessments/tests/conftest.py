import pytest

from courses.learning.enrollment import Source, enroll
from courses.models import SectionPage
from courses.tests.conftest import *  # noqa: F403 (the courses' fixtures, for these tests too)

from .factories import evaluation_resource


@pytest.fixture
def quiz(free_course):  # noqa: F811
    section = SectionPage.objects.child_of(free_course).first()
    return evaluation_resource(section)


@pytest.fixture
def make_quiz(free_course):  # noqa: F811
    section = SectionPage.objects.child_of(free_course).first()
    count = iter(range(1, 100))
    return lambda **settings: evaluation_resource(section, title=f"Quiz {next(count)}", **settings)


@pytest.fixture
def enrolled(student, free_course):  # noqa: F811
    enroll(student, free_course, Source.FREE)
    return student
