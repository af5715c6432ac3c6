import pytest

from courses.learning import enrollment
from courses.models import Review

from . import factories

pytestmark = pytest.mark.django_db


def review_url(course):
    return f"/en/learn/{course.pk}/review/"


@pytest.fixture
def enrolled(free_course, student):
    enrollment.enroll(student, free_course, enrollment.Source.FREE)
    return student


def test_enrolled_student_rates_a_course_once_and_can_edit(client, free_course, enrolled):
    client.force_login(enrolled)
    response = client.post(review_url(free_course), {"rating": "4", "comment": "Clear and useful."}, follow=True)
    assert "Thank you for your review." in response.content.decode()
    client.post(review_url(free_course), {"rating": "5", "comment": "Even better the second time."})
    review = Review.objects.get()
    assert (review.rating, review.comment) == (5, "Even better the second time.")


@pytest.mark.parametrize("rating", ["9", "0", "-1", "four", ""])
def test_rating_outside_one_to_five_is_refused(client, free_course, enrolled, rating):
    client.force_login(enrolled)
    response = client.post(review_url(free_course), {"rating": rating, "comment": "x"}, follow=True)
    assert response.status_code == 200
    assert "Choose a rating" in response.content.decode()
    assert not Review.objects.exists()


def test_review_without_enrollment_is_refused(client, free_course, student):
    client.force_login(student)
    response = client.post(review_url(free_course), {"rating": "5"}, follow=True)
    assert "Only students enrolled in this course can review it." in response.content.decode()
    assert not Review.objects.exists()


def test_overlong_comment_is_refused(client, free_course, enrolled):
    client.force_login(enrolled)
    response = client.post(review_url(free_course), {"rating": "5", "comment": "x" * 2001}, follow=True)
    assert "at most 2000 characters" in response.content.decode()
    assert not Review.objects.exists()


def test_average_and_count_on_the_course_page_and_the_catalog_card(client, free_course, catalog):
    for rating in (5, 4, 3):
        user = factories.UserFactory()
        enrollment.enroll(user, free_course, enrollment.Source.FREE)
        Review.objects.create(user=user, course=free_course, course_key=free_course.translation_key, rating=rating)
    hidden_author = factories.UserFactory()
    Review.objects.create(
        user=hidden_author, course=free_course, course_key=free_course.translation_key, rating=1, hidden=True,
        comment="spam spam",
    )  # fmt: skip
    course_html = client.get(free_course.url).content.decode()
    assert "4.0 out of 5 (3 reviews)" in course_html
    assert "spam spam" not in course_html
    assert "4.0 out of 5 (3 reviews)" in client.get(catalog.url).content.decode()


def test_reviews_are_newest_first_and_paginated(client, free_course):
    for n in range(12):
        user = factories.UserFactory()
        Review.objects.create(
            user=user,
            course=free_course,
            course_key=free_course.translation_key,
            rating=5,
            comment=f"Review number {n}",
        )
    html = client.get(free_course.url).content.decode()
    assert html.index("Review number 11") < html.index("Review number 10")
    assert "Review number 1<" not in html and "Older reviews" in html
    assert "Review number 0" in client.get(free_course.url + "?reviews_page=2").content.decode()
    assert client.get(free_course.url + "?reviews_page=abc").status_code == 200


def test_review_form_is_shown_to_enrolled_students_only(client, free_course, enrolled, other_teacher):
    client.force_login(enrolled)
    assert "Rate this course" in client.get(free_course.url).content.decode()
    client.force_login(other_teacher)
    assert "Rate this course" not in client.get(free_course.url).content.decode()


def test_an_enrolled_course_page_reads_its_reviews_in_three_queries(client, free_course, enrolled, no_caching):
    """Who reviewed and the rating come from one read of the reviews (shared); then the
    student's own review and the first page of the list: three queries, not four."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Review.objects.create(user=enrolled, course=free_course, course_key=free_course.translation_key, rating=4)
    other = factories.UserFactory()
    Review.objects.create(user=other, course=free_course, course_key=free_course.translation_key, rating=1, hidden=True)
    client.force_login(enrolled)
    client.get(free_course.url)  # the site settings' row is made on first use (a renewal)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(free_course.url)
    html = response.content.decode()
    assert "4.0" in html
    table = f"FROM {connection.ops.quote_name('courses_review')}"  # "…" or `…` by database
    reads = [q["sql"] for q in queries.captured_queries if table in q["sql"]]
    assert len(reads) == 3, [r[:90] for r in reads]


def test_the_form_filled_with_the_students_own_review_is_kept_until_it_changes(client, free_course, enrolled):
    client.force_login(enrolled)
    client.post(review_url(free_course), {"rating": "4", "comment": "Clear and useful."})
    client.get(free_course.url)
    response = client.get(free_course.url)
    assert "Clear and useful." in response.content.decode()
    assert "courses/includes/review_fields.html" not in [t.name for t in response.templates]
    client.post(review_url(free_course), {"rating": "2", "comment": "Less so on a second look."})
    html = client.get(free_course.url).content.decode()
    assert "Less so on a second look." in html and "Clear and useful." not in html
    assert 'value="2" class="form-check-input" id="id_rating_3" required checked' in html


def test_the_rating_is_rendered_once_for_its_two_places(client, free_course, enrolled):
    Review.objects.create(
        user=factories.UserFactory(), course=free_course, course_key=free_course.translation_key, rating=4
    )
    client.force_login(enrolled)
    client.get(free_course.url)
    response = client.get(free_course.url)
    assert response.content.decode().count("4.0 out of 5 (1 review)") == 2
    assert "courses/includes/rating.html" not in [t.name for t in response.templates]
    Review.objects.create(
        user=factories.UserFactory(), course=free_course, course_key=free_course.translation_key, rating=2
    )
    assert client.get(free_course.url).content.decode().count("3.0 out of 5 (2 reviews)") == 2
