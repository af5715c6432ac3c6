import pytest

from accounts.models import User
from core.tests.built_once import built_once, shared_or_new
from courses.models import CoursePage

from . import factories

# The fixtures other apps' tests take too (their conftest imports them all).
__all__ = ["catalog", "courses_built_once", "free_course", "other_teacher", "paid_course", "student", "teacher"]


def _build():
    teacher = factories.instructor(display_name="Teacher One")
    made = {
        "teacher": teacher,
        "other_teacher": factories.instructor(display_name="Teacher Two"),
        "student": factories.UserFactory(display_name="A Student"),
        "paid_course": factories.paid_course(teacher),
        "free_course": factories.free_course(teacher),
    }
    return {name: thing.pk for name, thing in made.items()}


@pytest.fixture(scope="module")
def courses_built_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The teachers, the student and both courses below built once for a module's tests
    (each test in a savepoint: core/tests/built_once.py), for a module that says
    ``pytestmark = pytest.mark.usefixtures("courses_built_once")`` and has no
    transactional test. Elsewhere each test makes its own."""
    yield from built_once(django_db_blocker, tmp_path_factory, _build)


def _shared_or_new(request, name, model, make):
    return shared_or_new(request, "courses_built_once", name, model, make)


@pytest.fixture
def catalog(db):
    return factories.catalog()


@pytest.fixture
def teacher(request, db):
    return _shared_or_new(request, "teacher", User, lambda: factories.instructor(display_name="Teacher One"))


@pytest.fixture
def other_teacher(request, db):
    return _shared_or_new(request, "other_teacher", User, lambda: factories.instructor(display_name="Teacher Two"))


@pytest.fixture
def student(request, db):
    return _shared_or_new(request, "student", User, lambda: factories.UserFactory(display_name="A Student"))


@pytest.fixture
def paid_course(request, catalog, teacher):
    return _shared_or_new(request, "paid_course", CoursePage, lambda: factories.paid_course(teacher))


@pytest.fixture
def free_course(request, catalog, teacher):
    return _shared_or_new(request, "free_course", CoursePage, lambda: factories.free_course(teacher))
