"""The "Reviews" admin: moderators hide and unhide reviews; instructors read theirs."""

import pytest

from courses.learning.reviews import rating_summary
from courses.models import Review

from . import factories

pytestmark = pytest.mark.django_db

REVIEWS = "/admin/learning/reviews/"


def edit_url(review):
    return f"{REVIEWS}edit/{review.pk}/"


@pytest.fixture
def moderator(db):
    return factories.moderator(display_name="Mo Derator")


@pytest.fixture
def other_course(catalog, other_teacher):
    return factories.build_course(title="Other course", slug="other-course", owner=other_teacher)


@pytest.fixture
def reviews(free_course, other_course):
    def review(course, rating, comment, **fields):
        author = factories.UserFactory(display_name=f"Author {rating}")
        return Review.objects.create(
            user=author, course_key=course.translation_key, course=course, rating=rating, comment=comment, **fields
        )

    return [
        review(free_course, 5, "Clear and kind."),
        review(free_course, 1, "Buy my pills at spam.example"),
        review(other_course, 4, "Solid course.", hidden=True),
    ]


def test_moderator_sees_every_review_with_its_course_and_author(client, moderator, reviews):
    client.force_login(moderator)
    html = client.get(REVIEWS).content.decode()
    for text in ("Clear and kind.", "spam.example", "Solid course.", "Free course", "Other course", "Author 5"):
        assert text in html
    assert f'href="{edit_url(reviews[1])}"' in html


def test_moderator_filters_hidden_reviews(client, moderator, reviews):
    client.force_login(moderator)
    html = client.get(REVIEWS, {"hidden": "true"}).content.decode()
    assert "Solid course." in html and "Clear and kind." not in html
    html = client.get(REVIEWS, {"hidden": "false"}).content.decode()
    assert "Solid course." not in html and "Clear and kind." in html


def test_moderator_filters_reviews_by_any_course(client, moderator, reviews, other_course):
    client.force_login(moderator)
    html = client.get(REVIEWS, {"course": str(other_course.translation_key)}).content.decode()
    assert "Solid course." in html and "Clear and kind." not in html


def test_moderator_hides_a_review_and_it_stops_counting(client, moderator, reviews, free_course):
    spam = reviews[1]
    assert rating_summary(free_course) == {"average": 3.0, "count": 2}
    client.force_login(moderator)
    response = client.post(edit_url(spam), {"hidden": "on", "rating": "5", "comment": "Rewritten"})
    assert response.status_code == 302
    spam.refresh_from_db()
    assert (spam.hidden, spam.rating, spam.comment) == (True, 1, "Buy my pills at spam.example")
    assert rating_summary(free_course) == {"average": 5.0, "count": 1}


def test_moderator_unhides_a_review(client, moderator, reviews):
    hidden = reviews[2]
    client.force_login(moderator)
    assert client.post(edit_url(hidden), {}).status_code == 302
    hidden.refresh_from_db()
    assert hidden.hidden is False


def test_superuser_moderates_reviews(client, django_user_model, reviews):
    client.force_login(django_user_model.objects.create_superuser("root@example.com", "a-Strong-pass-2026"))
    assert client.post(edit_url(reviews[0]), {"hidden": "on"}).status_code == 302
    reviews[0].refresh_from_db()
    assert reviews[0].hidden


def test_instructor_reads_reviews_of_their_courses_only_and_cannot_hide_them(client, teacher, reviews):
    client.force_login(teacher)
    html = client.get(REVIEWS).content.decode()
    assert "Clear and kind." in html and "Solid course." not in html
    assert "/edit/" not in html
    response = client.post(edit_url(reviews[1]), {"hidden": "on"})
    assert response.status_code == 302 and response["Location"] == "/admin/"  # Wagtail's refusal
    reviews[1].refresh_from_db()
    assert reviews[1].hidden is False


def test_nobody_writes_or_deletes_reviews_in_the_admin(client, moderator, django_user_model, reviews):
    for user in (moderator, django_user_model.objects.create_superuser("root@example.com", "a-Strong-pass-2026")):
        client.force_login(user)
        assert client.get(f"{REVIEWS}new/").status_code == 302
        assert client.post(f"{REVIEWS}delete/{reviews[0].pk}/").status_code == 302
    assert Review.objects.count() == 3


def test_students_never_enter_the_review_screens(client, student, reviews):
    client.force_login(student)
    assert client.get(REVIEWS).status_code == 302
    assert client.post(edit_url(reviews[0]), {"hidden": "on"}).status_code == 302
    reviews[0].refresh_from_db()
    assert reviews[0].hidden is False


def test_review_list_marks_visible_reviews_positively(client, moderator, reviews):
    import re

    client.force_login(moderator)
    html = client.get(REVIEWS).content.decode()
    assert "Visible" in html
    rows = re.findall(r"<tr.*?</tr>", html, re.S)
    shown = next(row for row in rows if "Clear and kind." in row)
    hidden = next(row for row in rows if "Solid course." in row)
    assert "w-text-positive-100" in shown and "w-text-positive-100" not in hidden
