"""Server-side request forgery: with production's settings a URL on a private, loopback,
link-local, multicast or reserved address is refused at registration (a form error, nothing
saved, never a 500) and at delivery (DNS may have changed), on the address connected to."""

import pytest
from django.urls import reverse

from api.webhooks import events
from api.webhooks.destinations import check_url, is_public
from api.webhooks.exceptions import RefusedDestination
from api.webhooks.models import Endpoint
from api.webhooks.publishing import deliver_event

pytestmark = pytest.mark.django_db

PRIVATE = [
    "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "192.168.1.1", "100.64.0.1", "169.254.169.254",
    "0.0.0.0", "224.0.0.1", "240.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "ff02::1",
    "::ffff:127.0.0.1", "::ffff:10.0.0.1", "not an address",
]  # fmt: skip


@pytest.mark.parametrize("address", PRIVATE)
def test_private_and_special_addresses_are_not_public(address):
    assert not is_public(address)


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "8.8.8.8"])
def test_internet_addresses_are_public(address):
    assert is_public(address)


DNS = {"localhost": ["127.0.0.1"], "internal.example.org": ["192.168.0.7"], "hooks.example.org": ["93.184.215.14"]}


def add(admin_client, url, chosen=(events.ORDER_PAID,)):
    data = {"url": url, "events": list(chosen), "description": "CRM", "active": "on"}
    return admin_client.post(reverse("webhook_endpoints:add"), data)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://127.0.0.1/hook", "127.0.0.1 is a private, local or reserved address"),
        ("https://localhost:8443/hook", "is a private, local or reserved address"),
        ("https://10.0.0.5/hook", "10.0.0.5 is a private"),
        ("https://169.254.169.254/latest/meta-data/", "169.254.169.254 is a private"),
        ("https://[::1]/hook", "::1 is a private"),
        ("https://[::ffff:7f00:1]/hook", "is a private"),
        ("https://internal.example.org/hook", "internal.example.org is a private, local or reserved address (192.168"),
        ("https://nowhere.invalid/hook", "The host nowhere.invalid cannot be found"),
        ("http://hooks.example.org/hook", "Use an https URL"),
        ("ftp://hooks.example.org/hook", "Only http and https URLs can receive webhooks."),
        ("https://hooks.example.org:99999/hook", "Enter a valid URL"),
    ],
)  # fmt: skip
def test_a_refused_url_is_a_form_error_and_nothing_is_saved(admin_client, production_urls, resolving, url, message):
    resolving(DNS)
    response = add(admin_client, url)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Endpoint.objects.exists()


def test_a_public_https_url_is_accepted(admin_client, production_urls, resolving):
    resolving({"hooks.example.org": ["93.184.215.14"]})
    response = add(admin_client, "https://hooks.example.org/aula", chosen=[events.ORDER_PAID, events.ORDER_REFUNDED])
    endpoint = Endpoint.objects.get()
    assert response.status_code == 302 and response.url == reverse("webhook_endpoints:inspect", args=[endpoint.pk])
    assert endpoint.events == [events.ORDER_PAID, events.ORDER_REFUNDED] and endpoint.secret.startswith("whsec_")


def test_an_endpoint_needs_an_event(admin_client, resolving):
    response = add(admin_client, "https://hooks.example.org/aula", chosen=[])
    assert response.status_code == 200 and "Choose at least one event." in response.content.decode()
    assert not Endpoint.objects.exists()


def test_plain_http_is_accepted_when_the_setting_allows_it(production_urls, settings, resolving):
    settings.AULA_WEBHOOKS_REQUIRE_HTTPS = False
    resolving({"hooks.example.org": ["93.184.215.14"]})
    check_url("http://hooks.example.org/aula")
    with pytest.raises(RefusedDestination):
        check_url("http://127.0.0.1/aula")  # private addresses still refused


def stored_endpoint(receiver, host):
    """An endpoint saved when its host was public (it bypasses the form on purpose)."""
    port = receiver.server.server_address[1]
    endpoint = Endpoint.objects.create(url=f"http://{host}:{port}/hooks/aula", events=list(events.TYPES))
    receiver.secrets.append(endpoint.secret)
    return endpoint


def deliver(endpoint, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        (delivery,) = deliver_event([endpoint.pk], events.envelope(events.ENROLLMENT_CREATED, {}))
    return delivery.attempts.get()


def test_a_host_that_now_resolves_to_a_private_address_is_not_called(
    receiver, production_urls, settings, resolving, django_capture_on_commit_callbacks
):
    settings.AULA_WEBHOOKS_REQUIRE_HTTPS = False
    endpoint = stored_endpoint(receiver, "hooks.example.org")
    resolving({"hooks.example.org": ["127.0.0.1"]})  # DNS changed since the URL was saved
    attempt = deliver(endpoint, django_capture_on_commit_callbacks)
    assert not attempt.succeeded and "is a private, local or reserved address (127.0.0.1)" in attempt.error
    assert receiver.received == []


def test_the_address_connected_to_is_checked_not_only_the_first_answer(
    receiver, production_urls, settings, resolving, django_capture_on_commit_callbacks
):
    """DNS rebinding: the check sees a public address, the connection gets a private one."""
    settings.AULA_WEBHOOKS_REQUIRE_HTTPS = False
    endpoint = stored_endpoint(receiver, "rebind.example.org")
    resolving({"rebind.example.org": ["93.184.215.14", "127.0.0.1"]})
    attempt = deliver(endpoint, django_capture_on_commit_callbacks)
    assert not attempt.succeeded
    assert attempt.error == "The URL's host resolves to a private, local or reserved address (127.0.0.1): not called."
    assert receiver.received == []


def test_the_same_delivery_goes_through_when_private_addresses_are_allowed(
    receiver, resolving, django_capture_on_commit_callbacks
):
    endpoint = stored_endpoint(receiver, "hooks.example.org")
    resolving({"hooks.example.org": ["127.0.0.1"]})
    attempt = deliver(endpoint, django_capture_on_commit_callbacks)
    assert attempt.succeeded and receiver.received[0].verified
