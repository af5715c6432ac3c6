import threading

import pytest
from django.db import connection

from courses.learning import enrollment
from courses.models import Enrollment, ResourcePage

from . import factories

pytestmark = pytest.mark.django_db


def enroll_url(course):
    return f"/en/learn/{course.pk}/enroll/"


def test_enrolling_in_a_free_course_is_one_post(client, student, free_course):
    client.force_login(student)
    response = client.post(enroll_url(free_course))
    assert response.status_code == 302
    assert Enrollment.objects.get(user=student).source == "free"


def test_repeated_clicks_make_one_enrollment(client, student, free_course):
    client.force_login(student)
    for _ in range(3):
        client.post(enroll_url(free_course))
    assert Enrollment.objects.filter(user=student).count() == 1


def test_enrolling_needs_a_post_with_csrf(student, free_course):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(student)
    assert client.post(enroll_url(free_course)).status_code == 403
    assert client.get(enroll_url(free_course)).status_code == 405
    assert not Enrollment.objects.exists()


def test_anonymous_visitor_is_asked_to_log_in(client, free_course):
    response = client.post(enroll_url(free_course))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Enrollment.objects.exists()


def test_free_enrollment_in_a_paid_course_is_refused(client, student, paid_course):
    client.force_login(student)
    response = client.post(enroll_url(paid_course), follow=True)
    assert "This course is not free." in response.content.decode()
    assert not Enrollment.objects.exists()


def test_auditing_a_paid_course_that_allows_it(client, student, paid_course):
    paid_course.audit_allowed = True
    factories.publish(paid_course)
    client.force_login(student)
    client.post(enroll_url(paid_course), {"mode": "audit"})
    assert Enrollment.objects.get(user=student).is_audit


def test_auditing_is_refused_when_the_course_does_not_allow_it(client, student, paid_course):
    client.force_login(student)
    response = client.post(enroll_url(paid_course), {"mode": "audit"}, follow=True)
    assert "cannot be audited" in response.content.decode()
    assert not Enrollment.objects.exists()


def test_unknown_mode_and_unknown_course(client, student, free_course):
    client.force_login(student)
    response = client.post(enroll_url(free_course), {"mode": "vip"}, follow=True)
    assert "Unknown enrollment mode." in response.content.decode()
    assert client.post("/en/learn/999999/enroll/").status_code == 404
    resource = ResourcePage.objects.first()
    assert client.post(enroll_url(resource)).status_code == 404
    assert not Enrollment.objects.exists()


def test_enrollment_is_shared_by_every_language_version(student, free_course, locales):
    spanish = free_course.copy_for_translation(locales["es"].locale, copy_parents=True)
    factories.publish(spanish)
    enrollment.enroll(student, free_course, enrollment.Source.FREE)
    assert enrollment.is_enrolled(student, spanish)
    enrollment.forget_cached(student)
    _enrollment, created = enrollment.enroll(student, spanish, enrollment.Source.FREE)
    assert not created
    assert Enrollment.objects.count() == 1


def test_student_can_leave_a_free_course(client, student, free_course):
    enrollment.enroll(student, free_course, enrollment.Source.FREE)
    client.force_login(student)
    response = client.post(f"/en/learn/{free_course.pk}/leave/", follow=True)
    assert "You have left the course" in response.content.decode()
    assert not Enrollment.objects.exists()


def test_purchased_enrollment_cannot_be_left_here(client, student, paid_course):
    enrollment.enroll(student, paid_course, enrollment.Source.PURCHASE)
    client.force_login(student)
    response = client.post(f"/en/learn/{paid_course.pk}/leave/", follow=True)
    assert "cannot be left here" in response.content.decode()
    assert Enrollment.objects.count() == 1


def test_purchase_upgrades_an_audit_and_keeps_it_one_row(student, paid_course):
    paid_course.audit_allowed = True
    factories.publish(paid_course)
    enrollment.enroll(student, paid_course, enrollment.Source.AUDIT)
    row, created = enrollment.enroll(student, paid_course, enrollment.Source.PURCHASE)
    assert not created
    assert row.source == "purchase"
    assert Enrollment.objects.count() == 1


def test_database_refuses_a_second_enrollment_row(student, free_course):
    from django.db import IntegrityError, transaction

    Enrollment.objects.create(user=student, course_key=free_course.translation_key, course=free_course, source="free")
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrollment.objects.create(
            user=student, course_key=free_course.translation_key, course=free_course, source="free"
        )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_enrollments_make_one_row():
    if connection.vendor == "sqlite":
        pytest.skip("needs a database that serves concurrent connections (PostgreSQL, MariaDB)")
    course = factories.build_course(price=0)
    student = factories.UserFactory()
    barrier = threading.Barrier(4)
    errors = []

    def worker():
        try:
            barrier.wait()
            enrollment.enroll(factories.UserFactory._meta.model.objects.get(pk=student.pk), course, "free")
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Enrollment.objects.filter(user=student).count() == 1


def test_ending_an_enrollment_closes_access_at_once_keeps_progress_and_is_announced(client, student, paid_course):
    from courses import signals
    from courses.learning import progress
    from courses.models import Completion

    resource = ResourcePage.objects.descendant_of(paid_course).live().order_by("path")[1]
    bought, _created = enrollment.enroll(student, paid_course, enrollment.Source.PURCHASE)
    progress.mark_complete(student, resource)
    client.force_login(student)
    assert client.get(resource.url).status_code == 200
    received = []
    signals.enrollment_ended.connect(lambda sender, **kwargs: received.append(kwargs), weak=False, dispatch_uid="t")
    try:
        assert enrollment.end_enrollment(bought, enrollment.EndReason.REFUND) is True
        assert enrollment.end_enrollment(bought, enrollment.EndReason.REFUND) is False  # already ended
    finally:
        signals.enrollment_ended.disconnect(dispatch_uid="t")
    assert client.get(resource.url).status_code == 403
    assert [(r["user"], r["course_key"], r["reason"]) for r in received] == [
        (student, paid_course.translation_key, "refund")
    ]
    assert Completion.objects.filter(user=student, resource_key=resource.translation_key).exists()
    enrollment.enroll(student, paid_course, enrollment.Source.ADMIN)
    assert progress.course_progress(student, paid_course).met == 1


def test_leaving_ends_the_enrollment_through_the_same_service(client, student, free_course):
    from courses import signals

    received = []
    signals.enrollment_ended.connect(
        lambda sender, **kwargs: received.append(kwargs["reason"]), weak=False, dispatch_uid="t"
    )
    try:
        client.force_login(student)
        client.post(enroll_url(free_course))
        client.post(f"/en/learn/{free_course.pk}/leave/")
    finally:
        signals.enrollment_ended.disconnect(dispatch_uid="t")
    assert received == ["left"]
    assert not Enrollment.objects.exists()


@pytest.mark.parametrize("target", ["foo", "admin:index", "//evil.example/", "https://evil.example/x", "javascript:x"])
@pytest.mark.parametrize("mode", ["free", "audit"])
def test_a_bad_next_is_ignored_after_enrolling(client, student, free_course, paid_course, target, mode):
    course = free_course if mode == "free" else paid_course
    if mode == "audit":
        course.audit_allowed = True
        factories.publish(course)
    client.force_login(student)
    response = client.post(enroll_url(course), {"mode": mode, "next": target})
    assert response.status_code == 302
    assert response["Location"] == course.url
    assert Enrollment.objects.filter(user=student).count() == 1
    response = client.post(f"/en/learn/{course.pk}/leave/", {"next": target})
    assert (response.status_code, response["Location"]) == (302, course.url)
