import pytest
from django.contrib.auth.models import AnonymousUser

from courses.access import Reason, check_access
from courses.models import ResourcePage

from . import factories

pytestmark = pytest.mark.django_db


def resources(course):
    return list(ResourcePage.objects.descendant_of(course).order_by("path"))


def test_anyone_can_open_a_free_preview_of_a_paid_course(paid_course):
    preview = resources(paid_course)[0]
    decision = check_access(AnonymousUser(), preview)
    assert decision.allowed and decision.reason == Reason.FREE_PREVIEW


def test_anonymous_visitor_must_log_in_for_a_paid_resource(paid_course):
    decision = check_access(AnonymousUser(), resources(paid_course)[1])
    assert not decision.allowed and decision.reason == Reason.LOGIN_NEEDED
    assert "buy" in str(decision.message)


def test_logged_in_student_must_buy_a_paid_resource(paid_course, student):
    decision = check_access(student, resources(paid_course)[1])
    assert not decision.allowed and decision.reason == Reason.PURCHASE_NEEDED


def test_anonymous_visitor_must_log_in_for_a_free_course_resource(free_course):
    assert check_access(AnonymousUser(), resources(free_course)[1]).reason == Reason.LOGIN_NEEDED


def test_instructor_opens_every_resource_of_their_course(paid_course, teacher):
    decision = check_access(teacher, resources(paid_course)[-1])
    assert decision.allowed and decision.reason == Reason.INSTRUCTOR


def test_another_instructor_is_treated_like_a_student(paid_course, other_teacher):
    assert check_access(other_teacher, resources(paid_course)[-1]).reason == Reason.PURCHASE_NEEDED


def test_moderators_and_superusers_are_staff(paid_course):
    moderator = factories.moderator()
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    assert check_access(moderator, resources(paid_course)[-1]).reason == Reason.STAFF
    assert check_access(admin, resources(paid_course)[-1]).reason == Reason.STAFF


def test_course_and_section_pages_are_public(paid_course):
    assert check_access(AnonymousUser(), paid_course).reason == Reason.PUBLIC
    assert check_access(AnonymousUser(), paid_course.get_children().first().specific).reason == Reason.PUBLIC


def test_a_free_preview_of_an_unpublished_course_is_not_served(paid_course, student):
    paid_course.unpublish()
    decision = check_access(student, resources(paid_course)[0])
    assert not decision.allowed and decision.reason == Reason.NOT_PUBLISHED


def test_course_media_used_nowhere_is_refused_to_visitors(db):
    item = factories.CourseMediaFactory()
    assert check_access(AnonymousUser(), item).reason == Reason.NOT_PUBLISHED


def test_media_is_as_open_as_the_resources_using_it(paid_course, student):
    preview_video = factories.CourseMediaFactory()
    paid_video = factories.CourseMediaFactory()
    first, second = resources(paid_course)[:2]
    first.body = [("video", {"video": preview_video, "captions": []})]
    factories.publish(first)
    second.body = [("video", {"video": paid_video, "captions": []})]
    factories.publish(second)

    assert check_access(AnonymousUser(), preview_video).reason == Reason.FREE_PREVIEW
    assert check_access(AnonymousUser(), paid_video).reason == Reason.LOGIN_NEEDED
    assert check_access(student, paid_video).reason == Reason.PURCHASE_NEEDED


@pytest.mark.parametrize("resource_count", [2, 20])
def test_resources_of_an_unpublished_section_are_not_served(
    client, catalog, student, resource_count, django_assert_max_num_queries
):
    from courses.learning import enrollment

    course = factories.build_course(sections=1, resources_per_section=resource_count, free_preview_first=True)
    enrollment.enroll(student, course, enrollment.Source.FREE)
    preview, normal = resources(course)[:2]
    client.force_login(student)
    assert client.get(normal.url).status_code == 200
    course.get_children().first().specific.unpublish()
    for resource in (preview, normal):
        with django_assert_max_num_queries(30):
            assert client.get(resource.url).status_code == 404
    assert client.get(course.url).status_code == 200
    assert normal.title not in client.get(course.url).content.decode()
