"""Instructor statistics: the numbers, who may see them, and a query count that does not
grow with the number of students."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from courses.learning.course_statistics import course_statistics, courses_for
from courses.learning.progress import course_progress
from courses.models import Completion, Enrollment, ResourcePage, Review
from courses.outline import course_outline

from . import factories

pytestmark = pytest.mark.django_db

INDEX = "/admin/learning/statistics/"


def detail_url(course):
    return f"{INDEX}{course.pk}/"


def resource_keys(course):
    return [r.translation_key for r in course_outline(course).resources]


def add_students(course, count, start=0, completed_resources=(), active=True, completed=False):
    """Bulk-create ``count`` enrolled students who completed ``completed_resources``."""
    User = get_user_model()
    users = User.objects.bulk_create(
        [User(email=f"bulk{start + n}@example.org", display_name=f"Bulk {start + n}") for n in range(count)]
    )
    now = timezone.now()
    Enrollment.objects.bulk_create(
        [
            Enrollment(
                user=user,
                course_key=course.translation_key,
                course=course,
                source="free",
                last_activity_at=now if active else now - timedelta(days=30),
                completed_at=now if completed else None,
            )
            for user in users
        ]
    )
    Completion.objects.bulk_create(
        [
            Completion(user=user, resource_key=key, course_key=course.translation_key)
            for user in users
            for key in completed_resources
        ]
    )
    return users


def enroll_with(course, user, completed_resources=(), **fields):
    Enrollment.objects.create(user=user, course_key=course.translation_key, course=course, source="free", **fields)
    for key in completed_resources:
        Completion.objects.create(user=user, resource_key=key, course_key=course.translation_key)


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root@example.com", "a-Strong-pass-2026")


def test_instructor_sees_courses_they_own_or_teach_once_each(catalog, teacher, other_teacher, locales):
    owned = factories.build_course(title="Owned", owner=teacher)
    taught = factories.build_course(title="Taught", owner=other_teacher)
    taught.instructors.add(teacher)
    taught.save()
    factories.build_course(title="Someone else's", owner=other_teacher)
    spanish = owned.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    spanish.save_revision().publish()

    courses = courses_for(teacher)

    assert [c.title for c in courses] == ["Owned", "Taught"]
    assert courses[0].pk == owned.pk  # the default-language page, not the translation


def test_superuser_sees_every_course(catalog, teacher, other_teacher, superuser):
    factories.build_course(title="A", owner=teacher)
    factories.build_course(title="B", owner=other_teacher)
    assert [c.title for c in courses_for(superuser)] == ["A", "B"]


def test_statistics_count_enrolled_active_completed_progress_funnel_and_rating(free_course, student, other_teacher):
    first, second, third, fourth = resource_keys(free_course)
    now = timezone.now()
    UserFactory = factories.UserFactory
    enroll_with(free_course, UserFactory(), [first, second, third, fourth], last_activity_at=now, completed_at=now)
    enroll_with(free_course, UserFactory(), [first, second], last_activity_at=now - timedelta(days=2))
    enroll_with(free_course, UserFactory(), [first], last_activity_at=now - timedelta(days=8))
    enroll_with(free_course, UserFactory(), [])
    # Completions of someone no longer enrolled do not count.
    Completion.objects.create(user=student, resource_key=first, course_key=free_course.translation_key)
    Review.objects.create(user=student, course_key=free_course.translation_key, course=free_course, rating=5)
    Review.objects.create(user=other_teacher, course_key=free_course.translation_key, course=free_course, rating=3)
    Review.objects.create(
        user=UserFactory(), course_key=free_course.translation_key, course=free_course, rating=1, hidden=True
    )

    stats = course_statistics(free_course)

    assert (stats.enrolled, stats.active_7_days, stats.completed) == (4, 2, 1)
    assert stats.completion_rate == 25.0
    assert stats.average_progress == 43.8  # (4 + 2 + 1 + 0) / (4 × 4)
    assert [(s.resource.title, s.completed, s.percent) for s in stats.funnel] == [
        ("Resource 1.1", 3, 75.0),
        ("Resource 1.2", 2, 50.0),
        ("Resource 2.1", 1, 25.0),
        ("Resource 2.2", 1, 25.0),
    ]
    assert (stats.average_rating, stats.rating_count) == (4.0, 2)


def test_progress_counts_an_alternative_group_once_and_ignores_optional_resources(free_course):
    ResourcePage.objects.filter(title__in=["Resource 2.1", "Resource 2.2"]).update(
        requirement="alternative", alternative_group="final"
    )
    ResourcePage.objects.filter(title="Resource 1.2").update(requirement="optional")
    first, optional, alt_a, alt_b = resource_keys(free_course)
    students = [factories.UserFactory() for _ in range(3)]
    enroll_with(free_course, students[0], [first, optional, alt_a, alt_b])  # 2 of 2
    enroll_with(free_course, students[1], [optional, alt_b])  # 1 of 2
    enroll_with(free_course, students[2], [optional])  # 0 of 2

    stats = course_statistics(free_course)

    assert stats.average_progress == 50.0  # 3 requirements met out of 3 × 2
    # The same rule as each student's own progress bar.
    progress = [course_progress(student, free_course) for student in students]
    assert stats.average_progress == round(100 * sum(p.met for p in progress) / sum(p.total for p in progress), 1)
    assert [s.completed for s in stats.funnel] == [1, 3, 1, 2]
    assert [s.requirement_label for s in stats.funnel] == ["Required", "Optional", "Alternative", "Alternative"]


def test_a_course_without_students_has_zeroes(free_course):
    stats = course_statistics(free_course)
    assert (stats.enrolled, stats.completion_rate, stats.average_progress) == (0, 0.0, 0.0)
    assert [s.completed for s in stats.funnel] == [0, 0, 0, 0]
    assert (stats.average_rating, stats.rating_count) == (None, 0)


def test_statistics_query_count_is_the_same_for_10_and_500_students(free_course, teacher, client, no_caching):
    ResourcePage.objects.filter(title__in=["Resource 2.1", "Resource 2.2"]).update(
        requirement="alternative", alternative_group="final"
    )
    keys = resource_keys(free_course)
    client.force_login(teacher)
    client.get(detail_url(free_course))  # warm the per-process caches (site, locales)

    def measure():
        with CaptureQueriesContext(connection) as service:
            stats = course_statistics(free_course)
        with CaptureQueriesContext(connection) as page:
            assert client.get(detail_url(free_course)).status_code == 200
        with CaptureQueriesContext(connection) as index:
            assert client.get(INDEX).status_code == 200
        return stats, len(service), len(page), len(index)

    add_students(free_course, 5, completed_resources=keys[:3])
    add_students(free_course, 5, start=5, completed_resources=keys)
    small, *small_counts = measure()
    add_students(free_course, 490, start=10, completed_resources=keys[:1], active=False)
    large, *large_counts = measure()

    assert (small.enrolled, large.enrolled) == (10, 500)
    assert large.funnel[0].completed == 500
    assert small_counts == large_counts
    assert small_counts[0] <= 6


def test_instructor_sees_statistics_of_their_courses_only(client, teacher, other_teacher, free_course):
    theirs = factories.build_course(title="Not yours", owner=other_teacher)
    add_students(free_course, 3)
    client.force_login(teacher)

    index = client.get(INDEX).content.decode()
    assert "Free course" in index and "Not yours" not in index
    detail = client.get(detail_url(free_course)).content.decode()
    assert "Completion funnel" in detail and "Resource 2.2" in detail
    assert "Students who completed each resource, in course order</caption>" in detail
    assert 'scope="row"' in detail and 'scope="col"' in detail
    assert client.get(detail_url(theirs)).status_code == 403


def test_superuser_sees_statistics_of_every_course(client, superuser, free_course, other_teacher):
    theirs = factories.build_course(title="Not yours", owner=other_teacher)
    client.force_login(superuser)
    index = client.get(INDEX).content.decode()
    assert "Free course" in index and "Not yours" in index
    assert client.get(detail_url(theirs)).status_code == 200


def test_statistics_are_not_for_students_or_moderators(client, student, free_course):
    client.force_login(student)
    assert client.get(INDEX).status_code == 302  # no admin access at all
    client.force_login(factories.moderator())
    assert client.get(INDEX).status_code == 403
    assert client.get(detail_url(free_course)).status_code == 403


def test_learning_menu_shows_statistics_to_instructors(client, teacher):
    client.force_login(teacher)
    html = client.get("/admin/").content.decode()
    assert INDEX in html
    assert "/admin/learning/enrollments/" in html
