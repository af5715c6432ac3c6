"""Each event, fired through the real services, reaches a real receiver signed, with its
documented payload; nothing is sent for a rolled-back change or to an endpoint that did not
subscribe."""

import pytest
from django.db import transaction
from django.urls import reverse

from api.webhooks import events
from api.webhooks.models import Delivery, Endpoint
from certificates.tests.factories import complete_course
from commerce.models import Order
from commerce.tests import factories as commerce_factories
from commerce.tests.helpers import check_out, dev_pay
from courses.learning.enrollment import Source, enroll
from courses.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def free_course(db):
    return factories.publish(factories.build_course(title="Botany", slug="botany", price=0))


@pytest.fixture
def paid_course(db):
    return commerce_factories.paid_course("Data course", "49.00")


@pytest.fixture
def learner(db):
    return factories.UserFactory(display_name="Lea Learner", email="lea@example.com")


def received(receiver, event_type):
    return [r for r in receiver.received if r.event["type"] == event_type]


def only(receiver, event_type):
    found = received(receiver, event_type)
    assert len(found) == 1, [r.event["type"] for r in receiver.received]
    assert found[0].verified
    return found[0]


def assert_course(data, course):
    assert data == {
        "key": str(course.translation_key),
        "id": course.pk,
        "slug": course.slug,
        "title": course.title,
        "language": "en",
    }


def test_enrolling_through_the_site_sends_enrollment_created(client, learner, free_course, endpoint, receiver,
                                                              each_request_commits):  # fmt: skip
    client.force_login(learner)
    assert client.post(f"/en/learn/{free_course.pk}/enroll/").status_code == 302

    request = only(receiver, events.ENROLLMENT_CREATED)
    event = request.event
    assert event["version"] == 1 and event["created_at"].endswith("Z")
    assert request.headers["Aula-Event-Id"] == event["id"]
    assert request.headers["Aula-Event-Type"] == "enrollment.created"
    assert request.headers["Aula-Delivery-Attempt"] == "1"
    assert request.headers["Content-Type"] == "application/json"
    assert event["data"]["learner"] == {"id": learner.pk}
    assert event["data"]["enrollment"]["source"] == "free"
    assert_course(event["data"]["course"], free_course)
    assert b"lea@example.com" not in request.body and b"Lea Learner" not in request.body
    delivery = Delivery.objects.get(event_type=events.ENROLLMENT_CREATED)
    assert delivery.status == Delivery.Status.SUCCEEDED and delivery.attempt_count == 1
    assert str(delivery.event_id) == event["id"]


def test_completing_a_course_sends_course_completed_and_certificate_issued(
    learner, free_course, endpoint, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complete_course(learner, free_course)

    completed = only(receiver, events.COURSE_COMPLETED).event["data"]
    assert completed["learner"] == {"id": learner.pk}
    assert completed["enrollment"]["completed_at"]
    assert_course(completed["course"], free_course)
    certificate = learner.certificates.get()
    issued = only(receiver, events.CERTIFICATE_ISSUED).event["data"]
    assert issued["certificate"]["code"] == certificate.display_code
    assert issued["certificate"]["kind"] == "course"
    assert issued["certificate"]["verification_url"] == certificate.verification_url()
    assert issued["learner"] == {"id": learner.pk}
    assert_course(issued["course"], free_course)


def test_paying_through_the_dev_provider_sends_order_paid_and_enrollment_created(
    client, paid_course, endpoint, receiver, each_request_commits
):
    buyer = commerce_factories.buyer(email="buyer@example.com")
    client.force_login(buyer)
    _response, order = check_out(client, paid_course)
    dev_pay(client, order)
    order.refresh_from_db()
    assert order.status == Order.Status.PAID

    paid = only(receiver, events.ORDER_PAID).event["data"]
    assert paid["buyer"] == {"id": buyer.pk}
    assert paid["order"]["number"] == order.number and paid["order"]["status"] == "paid"
    assert paid["order"]["total"] == "49.00" and paid["order"]["currency"] == "USD"
    assert paid["order"]["provider"] == "dev"
    assert paid["order"]["lines"] == [
        {"kind": "course", "item_key": str(paid_course.translation_key), "title": "Data course", "amount": "49.00",
         "refunded": False}
    ]  # fmt: skip
    assert only(receiver, events.ENROLLMENT_CREATED).event["data"]["enrollment"]["source"] == "purchase"


def test_a_refund_from_the_admin_sends_order_refunded_and_enrollment_ended(
    client, admin_client, paid_course, endpoint, receiver, each_request_commits
):
    buyer = commerce_factories.buyer()
    client.force_login(buyer)
    _response, order = check_out(client, paid_course)
    dev_pay(client, order)
    admin_client.post(reverse("orders:refund", args=[order.pk]))
    order.refresh_from_db()
    assert order.status == Order.Status.REFUNDED

    refunded = only(receiver, events.ORDER_REFUNDED).event["data"]
    assert refunded["refund"] == {"amount": "49.00", "currency": "USD", "partial": False, "reason": "staff"}
    assert refunded["order"]["status"] == "refunded" and refunded["order"]["lines"][0]["refunded"] is True
    ended = only(receiver, events.ENROLLMENT_ENDED).event["data"]
    assert ended["enrollment"]["reason"] == "refund" and ended["learner"] == {"id": buyer.pk}
    assert_course(ended["course"], paid_course)


def test_a_partial_refund_says_partial(client, admin_client, paid_course, endpoint, receiver, each_request_commits):
    buyer = commerce_factories.buyer()
    client.force_login(buyer)
    _response, order = check_out(client, paid_course)
    dev_pay(client, order)
    admin_client.post(reverse("orders:refund_part", args=[order.pk]), {"amount": "10.00"})

    refund = only(receiver, events.ORDER_REFUNDED).event["data"]["refund"]
    assert refund == {"amount": "10.00", "currency": "USD", "partial": True, "reason": "partial"}
    assert not received(receiver, events.ENROLLMENT_ENDED)


def test_a_rolled_back_enrollment_sends_nothing(learner, free_course, endpoint, receiver,
                                                django_capture_on_commit_callbacks):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                enroll(learner, free_course, Source.FREE)
                raise RuntimeError("the request failed after enrolling")
        except RuntimeError:
            pass
    assert callbacks == []
    assert not Delivery.objects.exists() and receiver.received == []


def test_only_active_endpoints_subscribed_to_the_event_receive_it(
    learner, free_course, endpoint, receiver, django_capture_on_commit_callbacks
):
    orders_only = Endpoint.objects.create(url=receiver.url("/orders"), events=[events.ORDER_PAID])
    inactive = Endpoint.objects.create(url=receiver.url("/off"), events=list(events.TYPES), active=False)
    with django_capture_on_commit_callbacks(execute=True):
        enroll(learner, free_course, Source.FREE)
    assert [r.path for r in receiver.received] == ["/hooks/aula"]
    assert not Delivery.objects.filter(endpoint__in=[orders_only, inactive]).exists()


def test_every_endpoint_gets_the_same_event_id(learner, free_course, endpoint, receiver,
                                               django_capture_on_commit_callbacks):  # fmt: skip
    second = Endpoint.objects.create(url=receiver.url("/second"), events=[events.ENROLLMENT_CREATED])
    receiver.secrets.append(second.secret)
    with django_capture_on_commit_callbacks(execute=True):
        enroll(learner, free_course, Source.FREE)
    assert sorted(r.path for r in receiver.received) == ["/hooks/aula", "/second"]
    assert len({r.event["id"] for r in receiver.received}) == 1
    assert all(r.verified for r in receiver.received)


def test_a_fault_in_the_webhooks_never_breaks_the_enrollment(
    learner, free_course, endpoint, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(enrollment):
        raise ValueError("a bug in a payload")

    monkeypatch.setattr(events, "enrollment_created", broken)
    with django_capture_on_commit_callbacks(execute=True):
        _enrollment, created = enroll(learner, free_course, Source.FREE)
    assert created and not Delivery.objects.exists()
