"""What signed-in pages read from the shared cache instead of the database (the route to
a page, the site, site settings, view restrictions, who teaches a course, a user's
permissions and groups) changes on the next request after it changes."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import PageViewRestriction, Site

from accounts.roles import MODERATORS
from courses.learning import enrollment
from courses.models import ResourcePage
from courses.tests import factories
from home.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def shared_cache_on(shared_cache):
    pass


@pytest.fixture
def course(db):
    return factories.build_course(title="Shared facts", slug="shared-facts", price=0)


def first_resource(course):
    """Not the free preview (the first one)."""
    return ResourcePage.objects.descendant_of(course).order_by("path")[1]


def signed_in(client, user):
    client.force_login(user)
    return client


def test_an_unpublished_page_is_gone_on_the_next_signed_in_request(client, course):
    student = factories.UserFactory()
    enrollment.enroll(student, course, enrollment.Source.FREE)
    resource = first_resource(course)
    signed_in(client, student)
    assert client.get(resource.url).status_code == 200
    resource.unpublish()
    assert client.get(resource.url).status_code == 404


def test_a_moved_page_answers_at_its_new_path_and_the_old_one_redirects(client, course):
    student = factories.UserFactory()
    enrollment.enroll(student, course, enrollment.Source.FREE)
    resource = first_resource(course)
    old_url = resource.url
    signed_in(client, student)
    assert client.get(old_url).status_code == 200
    other_section = course.get_children().last()
    resource.move(other_section, pos="last-child")
    resource.refresh_from_db()
    old = client.get(old_url)
    assert (old.status_code, old["Location"]) == (301, resource.url)  # Wagtail's automatic redirect
    assert client.get(resource.url).status_code == 200


def test_a_new_view_restriction_applies_on_the_next_request(client, course):
    student = factories.UserFactory()
    signed_in(client, student)
    assert client.get(course.url).status_code == 200
    restriction = PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name=MODERATORS)])
    assert client.get(course.url).status_code == 302  # Wagtail's own restriction: log in as a member
    restriction.delete()
    assert client.get(course.url).status_code == 200


def test_a_removed_instructor_loses_the_course_on_the_next_request(client, course):
    teacher = factories.instructor()
    course.instructors.add(teacher)
    course.save()
    resource = first_resource(course)
    signed_in(client, teacher)
    assert client.get(resource.url).status_code == 200
    course.instructors.remove(teacher)
    course.save()  # a ParentalManyToManyField is written when its page is saved
    response = client.get(resource.url)
    assert response.status_code == 403


def test_a_revoked_right_to_open_every_course_is_gone_on_the_next_request(client, course):
    helper = factories.UserFactory()
    helper.user_permissions.add(Permission.objects.get(codename="open_every_course"))
    resource = first_resource(course)
    signed_in(client, helper)
    assert client.get(resource.url).status_code == 200
    helper.user_permissions.clear()
    assert client.get(resource.url).status_code == 403


def test_leaving_the_moderators_group_takes_moderation_away_on_the_next_request(client, course):
    from caching.permission_cache import group_names

    person = factories.moderator()
    assert MODERATORS in group_names(person)
    person.groups.clear()
    next_request_user = type(person).objects.get(pk=person.pk)
    assert MODERATORS not in group_names(next_request_user)


def test_a_changed_site_setting_shows_on_the_next_signed_in_request(client, course):
    signed_in(client, factories.UserFactory())
    assert "Renamed academy" not in client.get(course.url).content.decode()
    settings_row = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings_row.site_name = "Renamed academy"
    settings_row.save()
    assert "Renamed academy" in client.get(course.url).content.decode()


def test_each_request_gets_its_own_copy_of_the_site_settings(rf):
    from django.contrib.auth.models import AnonymousUser

    first, second = rf.get("/en/"), rf.get("/en/")
    for request in (first, second):
        request.user = AnonymousUser()
    one, two = SiteSettings.for_request(first), SiteSettings.for_request(second)
    assert one.pk == two.pk and one is not two
    assert one._request is first and two._request is second


def test_a_translation_follows_its_source_courses_rules_when_they_are_shared(client, locales):
    from wagtail.models import Locale
    from wagtail_localize.operations import TranslationCreator

    from courses.models import CoursePage

    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    source = factories.build_course(title="Translated rules", slug="translated-rules", price=0)
    spanish = Locale.objects.get(language_code="es")
    for page in [source, *source.get_descendants().order_by("path").specific()]:
        TranslationCreator(admin, [spanish]).create_translations(page)
        factories.publish(page.get_translation(spanish).specific)
    translated = source.get_translation(spanish).specific
    CoursePage.objects.filter(pk=translated.pk).update(price=99)  # a row that disagrees
    resource_url = first_resource(translated).url
    signed_in(client, factories.UserFactory())
    free_enrollment = 'name="mode" value="free"'
    for _ in range(2):  # the second time from the shared cache
        assert free_enrollment in client.get(resource_url).content.decode()
    source.price = 50
    factories.publish(source)
    assert free_enrollment not in client.get(resource_url).content.decode()
