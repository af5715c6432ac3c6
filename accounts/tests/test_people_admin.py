"""People in the admin: the user list (name, e-mail, roles, joined, last login), saving a
self-registered user without names, each user's learner page and its actions (roles,
address confirmation, enroll, end an enrollment), and who is refused."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.roles import EDITORS, INSTRUCTORS, MODERATORS
from accounts.tests.factories import UserFactory
from courses.learning.enrollment import Source, enroll
from courses.learning.progress import mark_complete
from courses.models import Enrollment, ResourcePage
from courses.tests.factories import build_course, instructor, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(admin_user):
    browser = Client()
    browser.force_login(admin_user)
    return browser


@pytest.fixture
def learner(db):
    """Self-registered: a display name, no first or last name, address not confirmed."""
    return UserFactory(email="sam@example.org", display_name="Sam Student", verified=False)


@pytest.fixture
def course(db):
    return publish(build_course(title="Python basics", slug="python-basics", sections=1, resources_per_section=2))


def learner_url(user):
    return reverse("wagtailusers_users:learner", args=[user.pk])


def action_url(user, action):
    return reverse("wagtailusers_users:learner_action", args=[user.pk, action])


def test_the_user_list_shows_name_email_roles_joined_and_last_login(admin_client, learner):
    teacher = UserFactory(display_name="Tess Teacher", groups=[INSTRUCTORS, MODERATORS])
    teacher.last_login = timezone.now() - timedelta(days=1)
    teacher.save()
    html = admin_client.get(reverse("wagtailusers_users:index")).content.decode()
    table = html[html.find('<table class="listing') :]
    thead = re.sub(r"<[^>]+>", " ", table[: table.find("</thead>")])
    assert thead.split() == ["Name", "E-mail", "Roles", "Joined", "Last", "login"]
    assert "Sam Student" in html and "sam@example.org" in html
    assert "Instructor, Moderator" in html and "Student" in html
    assert learner_url(learner) in html  # the name leads to the learner page


def test_the_user_list_is_searched_by_display_name(admin_client, learner):
    UserFactory(email="other@example.org", display_name="Olga Other")
    html = admin_client.get(reverse("wagtailusers_users:index") + "?q=Sam+Stud").content.decode()
    assert "sam@example.org" in html and "other@example.org" not in html


@pytest.mark.parametrize("count", [5, 40])
def test_the_user_list_takes_the_same_queries_at_two_sizes(admin_client, count, django_assert_max_num_queries):
    for _n in range(count):
        UserFactory(groups=[INSTRUCTORS])
    admin_client.get(reverse("wagtailusers_users:index"))
    with django_assert_max_num_queries(20):
        assert admin_client.get(reverse("wagtailusers_users:index")).status_code == 200


def test_a_self_registered_user_is_saved_without_first_or_last_name(admin_client, learner):
    from django.contrib.auth.models import Group

    editors = Group.objects.get(name=EDITORS)
    data = {
        "email": learner.email, "display_name": "Sam S.", "first_name": "", "last_name": "",
        "is_active": "on", "groups": [editors.pk],
    }  # fmt: skip
    response = admin_client.post(reverse("wagtailusers_users:edit", args=[learner.pk]), data)
    assert response.status_code == 302, re.findall(r'error-message">\s*<p>([^<]*)', response.content.decode())
    learner.refresh_from_db()
    assert learner.display_name == "Sam S." and learner.groups.filter(name=EDITORS).exists()


def test_a_user_is_created_in_the_admin_without_names(admin_client):
    data = {
        "email": "new@example.org", "display_name": "", "first_name": "", "last_name": "",
        "password1": "violet-Harbour-42", "password2": "violet-Harbour-42", "is_active": "on",
    }  # fmt: skip
    response = admin_client.post(reverse("wagtailusers_users:add"), data)
    assert response.status_code == 302


def test_the_learner_page_shows_roles_enrollments_progress_orders_certificates_attempts_and_messages(
    admin_client, learner, course
):
    from assessments.models import Attempt
    from commerce.models import Order

    enroll(learner, course, Source.ADMIN)
    mark_complete(learner, ResourcePage.objects.descendant_of(course).live().order_by("path").first())
    order = Order.objects.create(user=learner, currency="USD", subtotal=10, total=10, status=Order.Status.PAID)
    resource = ResourcePage.objects.descendant_of(course).first()
    Attempt.objects.create(
        user=learner, course_key=course.translation_key, resource_key=resource.translation_key, evaluation_id="q",
        number=1, status="graded", submitted_at=timezone.now(), score=8, max_score=10, passed=True,
    )  # fmt: skip
    html = admin_client.get(learner_url(learner)).content.decode()
    assert "Sam Student" in html and "Student" in html
    assert "not confirmed" in html
    assert "Python basics" in html and "50% (1 of 2)" in html
    assert reverse("orders:inspect", args=[order.pk]) in html
    assert "No certificates." in html
    assert "1 attempt in all." in html and "80.0%" in html
    assert "Notifications received" in html


def test_giving_and_taking_a_role(admin_client, learner):
    response = admin_client.post(action_url(learner, "grant-role"), {"role": INSTRUCTORS}, follow=True)
    assert "Sam Student is now: Instructor." in response.content.decode()
    assert learner.groups.filter(name=INSTRUCTORS).exists()
    response = admin_client.post(action_url(learner, "grant-role"), {"role": INSTRUCTORS}, follow=True)
    assert "Nothing changed" in response.content.decode()
    admin_client.post(action_url(learner, "revoke-role"), {"role": INSTRUCTORS})
    assert not learner.groups.exists()


@pytest.mark.parametrize("role", ["", "Administrators", "Instructors'; --"])
def test_a_role_not_offered_is_refused_and_nothing_changes(admin_client, learner, role):
    response = admin_client.post(action_url(learner, "grant-role"), {"role": role}, follow=True)
    assert "Choose one of the roles offered." in response.content.decode()
    assert not learner.groups.exists() and not learner.is_superuser


def test_an_unknown_action_or_a_get_changes_nothing(admin_client, learner):
    assert admin_client.post(action_url(learner, "make-superuser")).status_code in (302, 404)  # 404s are redirected
    assert admin_client.get(action_url(learner, "grant-role") + "?role=Instructors").status_code == 405
    learner.refresh_from_db()
    assert not learner.groups.exists() and not learner.is_superuser


def test_confirming_an_address_by_hand_lets_the_user_log_in(admin_client, learner):
    response = admin_client.post(action_url(learner, "verify"), follow=True)
    assert "is confirmed" in response.content.decode()
    assert EmailAddress.objects.get(user=learner).verified
    response = admin_client.post(action_url(learner, "verify"), follow=True)
    assert "already confirmed" in response.content.decode()
    browser = Client()
    response = browser.post("/en/accounts/login/", {"login": learner.email, "password": "a-strong-password-1"})
    assert response.status_code == 302 and "confirm-email" not in response["Location"]


def test_an_address_without_allauth_record_is_confirmed_by_hand(admin_client):
    made_in_admin = UserFactory(email="made@example.org")
    admin_client.post(action_url(made_in_admin, "verify"))
    assert EmailAddress.objects.get(user=made_in_admin, email="made@example.org").verified


@pytest.mark.usefixtures("each_request_commits")
def test_the_confirmation_email_is_sent_again(admin_client, learner):
    response = admin_client.post(action_url(learner, "resend-verification"), follow=True)
    assert "A new confirmation e-mail is on its way to sam@example.org." in response.content.decode()
    assert [message.to for message in mail.outbox] == [["sam@example.org"]]
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_a_confirmed_address_is_not_sent_a_confirmation(admin_client):
    confirmed = UserFactory(verified=True)
    response = admin_client.post(action_url(confirmed, "resend-verification"), follow=True)
    assert "already confirmed" in response.content.decode()
    assert mail.outbox == []


def test_enrolling_from_the_learner_page_and_ending_the_enrollment(admin_client, learner, course):
    response = admin_client.post(
        reverse("courses_enroll_learner", args=[learner.pk]), {"course": str(course.translation_key)}, follow=True
    )
    assert "Sam Student is now enrolled in “Python basics”." in response.content.decode()
    enrollment = Enrollment.objects.get(user=learner, course_key=course.translation_key)
    assert enrollment.source == Source.ADMIN
    response = admin_client.post(reverse("courses_end_enrollment", args=[enrollment.pk]), follow=True)
    assert "is no longer enrolled in “Python basics”" in response.content.decode()
    assert not Enrollment.objects.filter(user=learner).exists()


@pytest.mark.parametrize("course_value", ["", "not-a-key", "00000000-0000-0000-0000-000000000000"])
def test_enrolling_in_no_course_is_refused(admin_client, learner, course_value):
    response = admin_client.post(
        reverse("courses_enroll_learner", args=[learner.pk]), {"course": course_value}, follow=True
    )
    assert "Choose a course to enroll them in." in response.content.decode()
    assert not Enrollment.objects.filter(user=learner).exists()


@pytest.mark.parametrize("who", ["instructor", "editor", "student"])
def test_instructors_editors_and_students_are_refused_every_people_page_and_action(client, learner, course, who):
    user = {"instructor": instructor, "editor": lambda: UserFactory(groups=[EDITORS]), "student": UserFactory}[who]()
    course.owner = user
    course.save()
    enrollment, _created = enroll(learner, course, Source.ADMIN)
    client.force_login(user)
    assert client.get(learner_url(learner)).status_code in (302, 403)
    assert client.get(reverse("courses_bulk_enroll")).status_code in (302, 403)
    for url, data in [
        (action_url(learner, "grant-role"), {"role": INSTRUCTORS}),
        (action_url(learner, "verify"), {}),
        (action_url(learner, "resend-verification"), {}),
        (reverse("courses_enroll_learner", args=[learner.pk]), {"course": str(course.translation_key)}),
        (reverse("courses_end_enrollment", args=[enrollment.pk]), {}),
        (reverse("courses_bulk_enroll"), {"course": str(course.translation_key), "addresses": "x@example.org"}),
    ]:
        assert client.post(url, data).status_code in (302, 403), url
    assert not learner.groups.exists()
    assert not EmailAddress.objects.filter(user=learner, verified=True).exists()
    assert Enrollment.objects.filter(user=learner).exists()
    assert not EmailAddress.objects.filter(email="x@example.org").exists()
    from courses.models import Invitation

    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_holder_of_the_manage_users_permission_manages_people(client, learner):
    manager = UserFactory(groups=[EDITORS])
    manager.user_permissions.add(
        Permission.objects.get(codename="change_user", content_type__app_label="accounts"),
    )
    client.force_login(manager)
    assert client.get(learner_url(learner)).status_code == 200
    client.post(action_url(learner, "grant-role"), {"role": MODERATORS})
    assert learner.groups.filter(name=MODERATORS).exists()


@pytest.mark.parametrize("courses", [1, 6])
def test_the_learner_page_takes_the_same_queries_whatever_the_number_of_enrollments(
    admin_client, learner, courses, django_assert_max_num_queries
):
    from commerce.models import Order

    for number in range(courses):
        course = publish(build_course(title=f"Course {number}", slug=f"course-{number}", sections=1))
        enroll(learner, course, Source.ADMIN)
        Order.objects.create(user=learner, currency="USD", subtotal=10, total=10, status=Order.Status.PAID)
    admin_client.get(learner_url(learner))
    with django_assert_max_num_queries(35):  # 32 at both sizes
        response = admin_client.get(learner_url(learner))
    assert response.content.decode().count("End the enrollment in") == courses
