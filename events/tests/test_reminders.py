from datetime import timedelta

from django.utils import timezone

from accounts.tests.factories import UserFactory
from events import registration as registrations
from events.models import Registration
from events.reminders import send_due
from notifications.models import Delivery, Notification

from .factories import master_class


def reminders(user=None):
    rows = Notification.objects.filter(kind="events.reminder")
    return rows.filter(recipient=user) if user else rows


def test_a_day_and_an_hour_before_each_registered_person_is_reminded_once(db):
    start = timezone.now() + timedelta(hours=30)
    page = master_class(start=start, end=start + timedelta(hours=1))
    student = UserFactory()
    registrations.register(student, page)
    assert send_due(start - timedelta(hours=25)) == 0
    assert send_due(start - timedelta(hours=23)) == 1
    assert send_due(start - timedelta(hours=23)) == 0  # a second run: nothing again
    assert send_due(start - timedelta(minutes=50)) == 1
    assert send_due(start - timedelta(minutes=40)) == 0
    assert reminders(student).count() == 2
    assert Delivery.objects.filter(notification__kind="events.reminder").count() == 2


def test_a_worker_restarted_after_claiming_sends_nothing_twice(db):
    """The claim and the notification are made together: a run that finds the claim made
    (by a run that crashed after committing) sends nothing, and the notification key
    guards a notification made twice."""
    start = timezone.now() + timedelta(hours=2)
    page = master_class(start=start, end=start + timedelta(hours=1))
    student = UserFactory()
    registrations.register(student, page)
    send_due(start - timedelta(hours=20))
    Registration.objects.update(reminded_day_before_at=None)  # as if the flag were lost
    send_due(start - timedelta(hours=20))
    assert reminders(student).count() == 1  # the key: the same reminder is not made again


def test_those_who_cancelled_or_wait_get_no_reminder(db):
    start = timezone.now() + timedelta(hours=5)
    page = master_class(start=start, end=start + timedelta(hours=1), capacity=1)
    seated, waiting, gone = UserFactory(), UserFactory(), UserFactory()
    registrations.register(gone, page)
    registrations.cancel(gone, Registration.objects.get(user=gone).key)
    registrations.register(seated, page)
    registrations.register(waiting, page)
    send_due(start - timedelta(hours=4))
    assert list(reminders().values_list("recipient", flat=True)) == [seated.pk]


def test_someone_registering_within_the_hour_gets_the_hour_s_reminder_only(db):
    start = timezone.now() + timedelta(minutes=45)
    page = master_class(start=start, end=start + timedelta(hours=1))
    student = UserFactory()
    registrations.register(student, page)
    send_due()
    send_due()
    assert reminders(student).count() == 1
    assert "In an hour" in reminders(student).get().subject


def test_reminders_are_written_in_the_recipient_s_language(db, locales):
    start = timezone.now() + timedelta(hours=10)
    page = master_class(start=start, end=start + timedelta(hours=1))
    student = UserFactory(language="es")
    registrations.register(student, page)
    send_due()
    notification = reminders(student).get()
    assert notification.language == "es"


def test_a_new_start_time_is_announced_to_everyone_registered(db, django_capture_on_commit_callbacks):
    start = timezone.now() + timedelta(days=3)
    page = master_class(start=start, end=start + timedelta(hours=1), capacity=1)
    seated, waiting = UserFactory(), UserFactory()
    registrations.register(seated, page)
    registrations.register(waiting, page)
    sequence = page.sequence
    page.start, page.end = start + timedelta(days=1), start + timedelta(days=1, hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()
    assert page.sequence == sequence + 1
    told = Notification.objects.filter(kind="events.changed")
    assert sorted(told.values_list("recipient", flat=True)) == sorted([seated.pk, waiting.pk])
    assert "New time" in told.first().subject


def test_an_unchanged_publish_announces_nothing_and_keeps_the_sequence(db, django_capture_on_commit_callbacks):
    page = master_class()
    registrations.register(UserFactory(), page)
    page.title = "A better title"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()
    assert page.sequence == 0
    assert not Notification.objects.filter(kind="events.changed").exists()
