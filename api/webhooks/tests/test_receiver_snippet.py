"""The receiver's snippet of docs/developers/webhooks.md, executed as written: it accepts
Aula's real deliveries and refuses tampered, wrongly signed, stale or malformed ones."""

import time

import pytest
from django.urls import reverse

from api.webhooks.models import Endpoint
from api.webhooks.signing import header, rotate_secret

from .conftest import receiver_snippet

pytestmark = pytest.mark.django_db

verify = receiver_snippet()["verify_aula_signature"]


def test_a_test_event_sent_from_the_admin_is_received_and_verified(admin_client, endpoint, receiver,
                                                                   each_request_commits):  # fmt: skip
    response = admin_client.post(reverse("webhook_endpoints:send_test_event", args=[endpoint.pk]), follow=True)
    assert "A test event is on its way" in response.content.decode()
    (request,) = receiver.received
    assert request.verified
    assert request.event["type"] == "ping" and request.event["data"]["endpoint"] == endpoint.pk
    assert not verify(request.body, request.headers["Aula-Signature"], "whsec_another")


def test_a_changed_body_or_another_secret_is_refused(endpoint):
    body, now = b'{"id":"1","type":"ping"}', int(time.time())
    signed = header(endpoint, now, body)
    assert verify(body, signed, endpoint.secret)
    assert not verify(body.replace(b"ping", b"pong"), signed, endpoint.secret)
    assert not verify(body, signed, endpoint.secret + "x")


def test_an_old_signature_is_refused_against_replays(endpoint):
    body, then = b"{}", int(time.time()) - 301
    signed = header(endpoint, then, body)
    assert not verify(body, signed, endpoint.secret)
    assert verify(body, signed, endpoint.secret, now=then + 299)
    assert not verify(body, signed, endpoint.secret, now=then - 301)  # from the future


@pytest.mark.parametrize(
    "malformed", ["", "garbage", "t=,v1=", "v1=abc", "t=123", "t=abc,v1=00", "t=1,t=2,v1=00", "t=-5,v1=00"]
)
def test_a_malformed_header_is_refused_without_an_error(endpoint, malformed):
    assert verify(b"{}", malformed, endpoint.secret) is False


def test_after_a_rotation_both_secrets_verify_for_a_day_then_only_the_new_one(endpoint):
    old = endpoint.secret
    rotated = rotate_secret(endpoint)
    assert rotated.secret != old and rotated.secret.startswith("whsec_")
    body, now = b"{}", int(time.time())
    signed = header(rotated, now, body)
    assert signed.count("v1=") == 2
    assert verify(body, signed, old) and verify(body, signed, rotated.secret)

    Endpoint.objects.filter(pk=endpoint.pk).update(
        previous_secret_until=rotated.previous_secret_until.replace(year=2000)
    )
    rotated.refresh_from_db()
    signed = header(rotated, now, body)
    assert signed.count("v1=") == 1
    assert verify(body, signed, rotated.secret) and not verify(body, signed, old)
