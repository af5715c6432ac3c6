"""Bulk enrollment: a pasted list of addresses for a course, reported line by line;
invitations for addresses without an account, accepted when the address is confirmed."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import UserFactory
from courses.learning import invitations
from courses.learning.enrollment import Source, enroll
from courses.models import Enrollment, Invitation

from .factories import build_course, publish

pytestmark = pytest.mark.django_db
URL = reverse("courses_bulk_enroll")


@pytest.fixture
def admin_client(admin_user):
    browser = Client()
    browser.force_login(admin_user)
    return browser


@pytest.fixture
def course(db):
    return publish(build_course(title="Python basics", slug="python-basics", sections=1, resources_per_section=1))


def report_of(response):
    """``[(line, address, result)]`` from the report table."""
    html = response.content.decode()
    table = html[html.find('id="bulk-report"') : html.find("</table>", html.find('id="bulk-report"'))]
    rows = re.findall(r"<tr><td>(\d+)</td><td>([^<]*)</td><td>(?:<strong>)?([^<]*)", table)
    return [(int(number), address, result) for number, address, result in rows]


@pytest.mark.usefixtures("each_request_commits")
def test_a_list_is_enrolled_invited_and_reported_line_by_line(admin_client, course):
    ana = UserFactory(email="ana@example.org")
    ben = UserFactory(email="ben@example.org")
    enroll(ben, course, Source.FREE)
    addresses = "ana@example.org\n\n BEN@example.org \nnew.person@example.org\nnot-an-address\nAna@Example.org\n"
    response = admin_client.post(URL, {"course": str(course.translation_key), "addresses": addresses})
    assert response.status_code == 200
    assert report_of(response) == [
        (1, "ana@example.org", "Enrolled"),
        (3, "BEN@example.org", "Already enrolled"),
        (4, "new.person@example.org", "Invited (no account yet)"),
        (5, "not-an-address", "Not a valid e-mail address"),
        (6, "Ana@Example.org", "Repeats an earlier line"),
    ]
    assert Enrollment.objects.get(user=ana, course_key=course.translation_key).source == Source.ADMIN
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.course_key, invitation.accepted_at) == (
        "new.person@example.org", course.translation_key, None,
    )  # fmt: skip
    assert [message.to for message in mail.outbox] == [["new.person@example.org"]]
    assert "Python basics" in mail.outbox[0].subject and "/accounts/signup/" in mail.outbox[0].body


@pytest.mark.usefixtures("each_request_commits")
def test_an_address_invited_twice_is_emailed_once(admin_client, course):
    data = {"course": str(course.translation_key), "addresses": "new@example.org"}
    admin_client.post(URL, data)
    response = admin_client.post(URL, data)
    assert report_of(response) == [(1, "new@example.org", "Already invited (no account yet)")]
    assert Invitation.objects.count() == 1 and len(mail.outbox) == 1


@pytest.mark.parametrize(
    "addresses, message",
    [
        ("", "This field is required."),
        ("\n  \n", "This field is required."),
        ("\n".join(f"p{n}@example.org" for n in range(invitations.MAX_LINES + 1)), "At most 1000 addresses at a time"),
    ],
)
def test_an_empty_or_too_long_list_is_refused_and_nothing_happens(admin_client, course, addresses, message):
    response = admin_client.post(URL, {"course": str(course.translation_key), "addresses": addresses})
    assert response.status_code == 200 and message in response.content.decode()
    assert not Invitation.objects.exists() and not Enrollment.objects.exists()


@pytest.mark.parametrize("course_value", ["", "nope", "00000000-0000-0000-0000-000000000000"])
def test_a_list_for_no_course_is_refused(admin_client, course_value):
    UserFactory(email="ana@example.org")
    response = admin_client.post(URL, {"course": course_value, "addresses": "ana@example.org"})
    assert response.status_code == 200
    assert "Choose one of the courses offered." in response.content.decode()
    assert not Enrollment.objects.exists()


def test_a_failure_half_way_leaves_nobody_enrolled_or_invited(admin_client, course, monkeypatch):
    UserFactory(email="ana@example.org")
    UserFactory(email="ben@example.org")
    real_enroll, calls = invitations.enroll, []

    def enroll_then_fail(user, course, source):
        calls.append(user)
        if len(calls) == 2:
            raise RuntimeError("the database went away")
        return real_enroll(user, course, source)

    monkeypatch.setattr(invitations, "enroll", enroll_then_fail)
    admin_client.raise_request_exception = False
    data = {"course": str(course.translation_key), "addresses": "new@example.org\nana@example.org\nben@example.org"}
    assert admin_client.post(URL, data).status_code == 500
    assert not Enrollment.objects.exists() and not Invitation.objects.exists()
    assert mail.outbox == []


def test_the_enrollments_list_offers_enroll_a_list_to_administrators_only(admin_client, client):
    assert URL in admin_client.get(reverse("enrollments:index")).content.decode()
    from courses.tests.factories import instructor

    client.force_login(instructor())
    assert URL not in client.get(reverse("enrollments:index")).content.decode()


@pytest.mark.usefixtures("each_request_commits")
def test_an_invited_address_is_enrolled_when_its_holder_signs_up_and_confirms(admin_client, course, client):
    admin_client.post(URL, {"course": str(course.translation_key), "addresses": "Lin@example.com"})
    mail.outbox.clear()
    signup = {
        "display_name": "Lin",
        "email": "lin@example.com",
        "password1": "violet-Harbour-42",
        "password2": "violet-Harbour-42",
    }
    client.post("/en/accounts/signup/", signup)
    assert not Enrollment.objects.exists()  # not before the address is confirmed
    link = re.search(r"https?://[^/\s]+(/\S*/accounts/confirm-email/\S+/)", mail.outbox[0].body).group(1)
    client.post(link)
    enrollment = Enrollment.objects.get(course_key=course.translation_key)
    assert enrollment.user.email == "lin@example.com" and enrollment.source == Source.ADMIN
    assert Invitation.objects.get().accepted_at is not None


def test_an_invitation_is_accepted_at_login_with_a_confirmed_address(course, client):
    Invitation.objects.create(email="kim@example.org", course_key=course.translation_key, course=course)
    kim = UserFactory(email="kim@example.org", verified=False)
    client.force_login(kim)
    assert not Enrollment.objects.exists()  # an unconfirmed address proves nothing
    EmailAddress.objects.filter(user=kim).update(verified=True)
    client.force_login(kim)
    assert Enrollment.objects.filter(user=kim, course_key=course.translation_key).exists()
    client.force_login(kim)
    assert Enrollment.objects.count() == 1


def test_administrators_see_pending_and_accepted_invitations(admin_client, course, client):
    Invitation.objects.create(email="wait@example.org", course_key=course.translation_key, course=course)
    from django.utils import timezone

    Invitation.objects.create(
        email="done@example.org", course_key=course.translation_key, course=course, accepted_at=timezone.now()
    )
    html = admin_client.get(reverse("invitations:index")).content.decode()
    assert "wait@example.org" in html and "done@example.org" in html and "Python basics" in html
    pending = admin_client.get(reverse("invitations:index") + "?pending=true").content.decode()
    assert "wait@example.org" in pending and "done@example.org" not in pending
    assert admin_client.get("/admin/learning/invitations/new/").status_code in (302, 403, 404)
    from courses.tests.factories import instructor

    client.force_login(instructor())
    assert client.get(reverse("invitations:index")).status_code in (302, 403)
