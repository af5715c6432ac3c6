"""Signed-in course and lesson pages reuse the parts that are the same for everyone (the
lesson's body, the landing's texts, the header, the first page of reviews, the blank
forms: templatetags/body_tags.py, review_tags.py, lms_site's {% shared %}). Each visitor
still sees their own name, progress and review, and a published change shows on the
next request."""

import pytest
from django.urls import reverse

from courses.learning import enrollment, progress, reviews
from courses.models import ResourcePage
from courses.tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_cache")]  # as in production


@pytest.fixture
def course(db):
    return factories.build_course(title="Shared parts", slug="shared-parts", price=0)


def student(name, course):
    user = factories.UserFactory(display_name=name)
    enrollment.enroll(user, course, enrollment.Source.FREE)
    return user


def page_as(client, user, url):
    client.force_login(user)
    return client.get(url).content.decode()


def lesson(course, index=1):
    return ResourcePage.objects.descendant_of(course).order_by("path")[index]


def test_two_students_see_their_own_name_progress_and_review_on_the_shared_course_page(client, course):
    ana, ben = student("Ana Ahlberg", course), student("Ben Brandt", course)
    progress.mark_complete(ana, lesson(course, 0))
    reviews.save_review(ana, course, 4, "Ana's own words")
    ana_page = page_as(client, ana, course.url)
    ben_page = page_as(client, ben, course.url)
    assert "Ana Ahlberg" in ana_page and "Ben Brandt" not in ana_page
    assert "Ben Brandt" in ben_page
    assert "Edit your review" in ana_page and "Rate this course" in ben_page
    assert 'value="4" class="form-check-input" id="id_rating_1" required checked' in ana_page
    assert " checked" not in ben_page.split("star-picker-stars")[1].split("</fieldset>")[0]
    assert "Ana&#x27;s own words" in ben_page  # the shared list of reviews
    assert "data-aula-percent>25%" in ana_page and "data-aula-percent>0%" in ben_page


def test_two_students_see_their_own_marks_on_a_shared_lesson(client, course):
    ana, ben = student("Ana Ahlberg", course), student("Ben Brandt", course)
    first = lesson(course, 1)
    progress.mark_complete(ana, first)
    ana_page, ben_page = page_as(client, ana, first.url), page_as(client, ben, first.url)
    assert "Body of resource 1.2" in ana_page and "Body of resource 1.2" in ben_page
    assert "Ana Ahlberg" in ana_page and "Ana Ahlberg" not in ben_page
    assert ana_page.count(", completed") == 1 and ben_page.count(", completed") == 0


def test_a_published_body_shows_on_the_next_signed_in_request(client, course):
    ana = student("Ana Ahlberg", course)
    page = lesson(course, 1)
    assert "Body of resource 1.2" in page_as(client, ana, page.url)
    page.body = [("rich_text", "<p>A better explanation</p>")]
    page.save_revision().publish()
    body = page_as(client, ana, page.url)
    assert "A better explanation" in body and "Body of resource 1.2" not in body


def test_a_draft_body_is_not_shown_until_published(client, course):
    ana = student("Ana Ahlberg", course)
    page = lesson(course, 1)
    page_as(client, ana, page.url)
    page.body = [("rich_text", "<p>Not ready yet</p>")]
    page.save_revision()  # a draft
    assert "Not ready yet" not in page_as(client, ana, page.url)


def test_a_published_landing_change_shows_on_the_next_signed_in_request(client, course):
    ana = student("Ana Ahlberg", course)
    assert "Shared parts" in page_as(client, ana, course.url)
    course.title = "Shared parts, second edition"
    course.audience = "People who like second editions"
    course.save_revision().publish()
    body = page_as(client, ana, course.url)
    assert "Shared parts, second edition" in body and "People who like second editions" in body


def test_a_new_review_shows_in_the_shared_list_on_the_next_request(client, course):
    ana, ben = student("Ana Ahlberg", course), student("Ben Brandt", course)
    assert "No reviews yet." in page_as(client, ben, course.url)
    reviews.save_review(ana, course, 5, "Loved every lesson")
    assert "Loved every lesson" in page_as(client, ben, course.url)


def test_an_instructors_new_bio_shows_on_the_next_request(client, course):
    from accounts.forms import InstructorProfileForm

    teacher = factories.UserFactory(display_name="Teo Teacher")
    course.instructors.add(teacher)
    course.save_revision().publish()
    ana = student("Ana Ahlberg", course)
    assert "Teo Teacher" in page_as(client, ana, course.url)
    form = InstructorProfileForm(
        {"display_name": "Teo Teacher", "bio": "Twenty years of teaching", "time_zone": teacher.time_zone,
         "language": teacher.language},
        instance=teacher,
    )  # fmt: skip
    assert form.is_valid(), form.errors
    form.save()
    assert "Twenty years of teaching" in page_as(client, ana, course.url)


def test_a_question_box_with_an_error_is_not_shared(client, course):
    ana, ben = student("Ana Ahlberg", course), student("Ben Brandt", course)
    page = lesson(course, 1)
    client.force_login(ana)
    client.post(reverse("discussions:post", args=[page.pk]), {"body": ""}, follow=True)
    assert 'aria-invalid="true"' not in page_as(client, ben, page.url)


def test_a_shared_form_carries_each_visitors_own_csrf_token(course):
    """The "Mark as complete" form is shared; the token in it is the visitor's own, so
    each student's post passes Django's CSRF check (a copied token would fail it)."""
    import re

    from django.test import Client

    from courses.models import Completion

    page = lesson(course, 1)
    tokens = []
    for name in ("Ana Ahlberg", "Ben Brandt"):
        browser = Client(enforce_csrf_checks=True)
        user = student(name, course)
        browser.force_login(user)
        html = browser.get(page.url).content.decode()
        form = html.split("data-aula-complete")[1]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        tokens.append(token)
        action = re.search(r'action="([^"]+)"', html.split("resource-completion")[1]).group(1)
        assert browser.post(action, {"csrfmiddlewaretoken": token}).status_code in (200, 302)
        assert Completion.objects.filter(user=user, resource_key=page.translation_key).exists()
    assert tokens[0] != tokens[1]


def test_the_dashboard_follows_enrollments_publishing_and_teaching_on_the_next_request(client, course):
    ana = student("Ana Ahlberg", course)
    other = factories.build_course(title="Second course", slug="second-course", price=0)
    assert "Shared parts" in page_as(client, ana, "/en/dashboard/")
    assert "Second course" not in page_as(client, ana, "/en/dashboard/")
    enrollment.enroll(ana, other, enrollment.Source.FREE)
    assert "Second course" in page_as(client, ana, "/en/dashboard/")
    other.unpublish()
    assert "Second course" not in page_as(client, ana, "/en/dashboard/")
    assert "Courses you teach" not in page_as(client, ana, "/en/dashboard/")
    course.instructors.add(ana)
    course.save_revision().publish()
    assert "Courses you teach" in page_as(client, ana, "/en/dashboard/")


def test_a_students_first_review_is_theirs_to_edit_on_the_next_request(client, course):
    ben = student("Ben Brandt", course)
    assert "Rate this course" in page_as(client, ben, course.url)
    reviews.save_review(ben, course, 3, "Fine")
    page = page_as(client, ben, course.url)
    assert "Edit your review" in page and 'value="3" class="form-check-input" id="id_rating_2" required checked' in page


def test_the_admin_link_is_shown_only_to_staff_through_the_shared_header(client, course):
    from django.contrib.auth.models import Permission

    ana, ben = student("Ana Ahlberg", course), student("Ben Brandt", course)
    ben.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert 'href="/admin/"' not in page_as(client, ana, course.url)
    assert 'href="/admin/"' in page_as(client, ben, course.url)
    assert 'href="/admin/"' not in page_as(client, ana, course.url)
