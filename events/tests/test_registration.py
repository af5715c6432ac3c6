from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from events.models import Registration
from notifications.models import Notification

from .factories import master_class

Status = Registration.Status


def register(client, page, **data):
    return client.post(reverse("events:register", args=[page.pk]), data, follow=True)


def test_a_student_registers_with_one_post(student_client, student, free_class):
    response = register(student_client, free_class)
    assert response.status_code == 200
    registration = Registration.objects.get(user=student)
    assert (registration.status, registration.master_class_key) == (Status.REGISTERED, free_class.translation_key)
    assert "You are registered" in response.content.decode()


def test_registering_twice_is_refused_and_changes_nothing(student_client, student, free_class):
    register(student_client, free_class)
    before = Registration.objects.get(user=student)
    response = register(student_client, free_class)
    assert "registered for this master class already" in response.content.decode()
    after = Registration.objects.get(user=student)
    assert (after.status, after.created_at) == (before.status, before.created_at)
    assert Registration.objects.count() == 1


def test_registering_after_the_start_is_refused(student_client, student):
    started = master_class(start=timezone.now() - timedelta(minutes=5), end=timezone.now() + timedelta(hours=1))
    response = register(student_client, started)
    assert "registration is closed" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_full_class_puts_the_next_on_the_waiting_list(client, free_class):
    free_class.capacity = 1
    free_class.save_revision().publish()
    first, second = UserFactory(), UserFactory()
    client.force_login(first)
    register(client, free_class)
    client.force_login(second)
    response = register(client, free_class)
    assert "waiting list (place 1)" in response.content.decode()
    assert Registration.objects.get(user=second).status == Status.WAITLISTED


def test_a_forged_user_id_registers_the_session_user_only(student_client, student, free_class):
    other = UserFactory()
    register(student_client, free_class, user=other.pk, user_id=other.pk)
    assert list(Registration.objects.values_list("user_id", flat=True)) == [student.pk]


def test_anonymous_visitors_must_log_in_to_register(client, free_class):
    response = client.post(reverse("events:register", args=[free_class.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Registration.objects.exists()


def test_a_paid_class_is_not_registered_for_without_paying(student_client, paid_class):
    response = register(student_client, paid_class)
    assert "buy a seat" in response.content.decode()
    assert not Registration.objects.exists()


def test_cancelling_promotes_the_first_on_the_waiting_list_and_tells_them(client, free_class, each_request_commits):
    free_class.capacity = 1
    free_class.save_revision().publish()
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    for user in (first, second, third):
        client.force_login(user)
        register(client, free_class)
    client.force_login(first)
    key = Registration.objects.get(user=first).key
    response = client.post(reverse("events:cancel", args=[key]), follow=True)
    assert "Your registration is cancelled" in response.content.decode()
    statuses = dict(Registration.objects.values_list("user_id", "status"))
    assert statuses == {first.pk: Status.CANCELLED, second.pk: Status.REGISTERED, third.pk: Status.WAITLISTED}
    told = Notification.objects.get(recipient=second, kind="events.promoted")
    assert free_class.title in told.subject


def test_cancelling_someone_elses_registration_is_a_404(client, free_class):
    owner, other = UserFactory(), UserFactory()
    client.force_login(owner)
    register(client, free_class)
    registration = Registration.objects.get(user=owner)
    client.force_login(other)
    response = client.post(reverse("events:cancel", args=[registration.key]))
    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status == Status.REGISTERED


def test_registering_again_after_cancelling_reuses_the_row(student_client, student, free_class):
    register(student_client, free_class)
    key = Registration.objects.get(user=student).key
    student_client.post(reverse("events:cancel", args=[key]))
    register(student_client, free_class)
    assert Registration.objects.get(user=student).status == Status.REGISTERED


@pytest.mark.parametrize("key", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_a_malformed_or_unknown_registration_is_a_404(student_client, key):
    response = student_client.post(f"/en/events/registrations/{key}/cancel/")
    assert response.status_code == 404
