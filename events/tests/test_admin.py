"""Authoring master classes and marking attendance in the Wagtail admin."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from accounts.roles import EDITORS, INSTRUCTORS
from accounts.tests.factories import UserFactory
from certificates.models import Certificate
from events import registration as registrations
from events.models import MasterClassPage, Registration

from .factories import master_class, master_class_index

pytestmark = pytest.mark.django_db


def form(page=None, **overrides):
    start = timezone.now() + timedelta(days=5)
    data = {
        "title": "Live: Query plans",
        "slug": "query-plans",
        "summary": "Reading query plans, live.",
        "description": rich_text("<p>Bring questions.</p>"),
        "start": (start).strftime("%Y-%m-%d %H:%M"),
        "end": (start + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
        "status": "scheduled",
        "capacity": "20",
        "price": "0",
        "meeting_url": "https://meet.example.org/plans",
        "materials": streamfield([]),
        "recording": streamfield([]),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.fixture
def teacher():
    return UserFactory(groups=[INSTRUCTORS], email="teacher@example.com")


@pytest.fixture(autouse=True)
def _no_workflow():
    Workflow.objects.update(active=False)


def test_an_instructor_creates_and_publishes_a_class(client, teacher):
    client.force_login(teacher)
    index = master_class_index()
    data = {**form(), "instructors": [str(teacher.pk)], "action-publish": "publish"}
    response = client.post(f"/admin/pages/add/events/masterclasspage/{index.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = MasterClassPage.objects.get(slug="query-plans")
    assert page.live and list(page.instructors.all()) == [teacher]


def test_an_instructor_cannot_edit_another_s_class_but_an_editor_can(client, teacher):
    page = master_class()
    client.force_login(teacher)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code in (302, 403)
    page.instructors.add(teacher)
    page.save_revision().publish()
    editor = client.get(f"/admin/pages/{page.pk}/edit/")
    assert editor.status_code == 200 and f"/admin/events/attendance/{page.pk}/" in editor.content.decode()
    client.force_login(UserFactory(groups=[EDITORS]))
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200


def test_a_start_after_the_end_is_refused_with_a_message(client):
    page = master_class()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    start = timezone.now() + timedelta(days=5)
    data = {
        **form(slug=page.slug, start=start.strftime("%Y-%m-%d %H:%M"),
               end=(start - timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")),
        "action-publish": "publish",
    }  # fmt: skip
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 200
    assert "The end must come after the start." in response.content.decode()
    before = page.start
    page.refresh_from_db()
    assert page.start == before


def test_a_capacity_below_the_seats_taken_is_refused_with_a_message(client):
    page = master_class(capacity=5)
    for _ in range(3):
        registrations.register(UserFactory(), page)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.post(
        f"/admin/pages/{page.pk}/edit/", {**form(slug=page.slug, capacity="2"), "action-publish": "publish"}
    )
    assert response.status_code == 200
    assert "3 people hold a seat already" in response.content.decode()
    page.refresh_from_db()
    assert page.capacity == 5


def test_the_instructor_marks_attendance_and_attendees_get_a_certificate(
    client, teacher, django_capture_on_commit_callbacks
):
    page = master_class()
    page.instructors.add(teacher)
    page.save_revision().publish()
    came, missed = UserFactory(), UserFactory()
    for user in (came, missed):
        registrations.register(user, page)
    client.force_login(teacher)
    url = f"/admin/events/attendance/{page.pk}/"
    listing = client.get(url)
    assert listing.status_code == 200 and came.email in listing.content.decode()
    came_row = Registration.objects.get(user=came)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"attended": [str(came_row.pk)]})
    assert Registration.objects.get(user=came).status == Registration.Status.ATTENDED
    assert Registration.objects.get(user=missed).status == Registration.Status.REGISTERED
    certificate = Certificate.objects.get(user=came)
    assert (certificate.kind, certificate.course_key) == (Certificate.Kind.MASTER_CLASS, page.translation_key)
    client.logout()
    verified = client.get(reverse("certificates:verify", args=[certificate.code]), follow=True)  # verifiable
    assert verified.status_code == 200 and page.title in verified.content.decode()
    assert not Certificate.objects.filter(user=missed).exists()


def test_another_instructor_cannot_open_the_attendance_page(client, teacher):
    page = master_class()
    client.force_login(teacher)
    assert client.get(f"/admin/events/attendance/{page.pk}/").status_code in (302, 403)


def test_a_csv_import_reports_each_line(client, django_capture_on_commit_callbacks):
    page = master_class()
    came = UserFactory(email="came@example.com")
    registrations.register(came, page)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    upload = io.BytesIO(b"email\nCAME@example.com\nstranger@example.com\nnot-an-address\ncame@example.com\n")
    upload.name = "attendees.csv"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/events/attendance/{page.pk}/", {"import": "1", "file": upload})
    body = response.content.decode()
    for text in (
        "Marked as attended.",
        "Nobody with this address holds a seat.",
        "Not an e-mail address.",
        "Marked already.",
    ):
        assert text in body
    assert Registration.objects.get(user=came).status == Registration.Status.ATTENDED
    assert Certificate.objects.filter(user=came, kind=Certificate.Kind.MASTER_CLASS).count() == 1


def test_a_binary_upload_is_reported_and_changes_nothing(client):
    page = master_class()
    registrations.register(UserFactory(), page)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    upload = io.BytesIO(b"\xff\xfe\x00\x00garbage")
    upload.name = "x.csv"
    response = client.post(f"/admin/events/attendance/{page.pk}/", {"import": "1", "file": upload})
    assert response.status_code == 200 and "not UTF-8 text" in response.content.decode()
    assert not Registration.objects.filter(status=Registration.Status.ATTENDED).exists()
