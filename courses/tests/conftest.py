import pytest

from . import factories


@pytest.fixture
def catalog(db):
    return factories.catalog()


@pytest.fixture
def teacher(db):
    return factories.instructor(display_name="Teacher One")


@pytest.fixture
def other_teacher(db):
    return factories.instructor(display_name="Teacher Two")


@pytest.fixture
def student(db):
    return factories.UserFactory(display_name="A Student")


@pytest.fixture
def paid_course(catalog, teacher):
    course = factories.build_course(title="Paid course", slug="paid-course", price="49.00", owner=teacher)
    course.instructors.add(teacher)
    course.save()
    return course


@pytest.fixture
def free_course(catalog, teacher):
    course = factories.build_course(title="Free course", slug="free-course", price=0, owner=teacher)
    course.instructors.add(teacher)
    course.save()
    return course
