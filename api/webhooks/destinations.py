"""Which URLs Aula calls: server-side request forgery kept out.

An administrator's webhook URL is called from Aula's servers, which may reach what the
internet cannot (a database, a cloud's metadata service at 169.254.169.254, an admin
interface on localhost). Unless ``AULA_WEBHOOKS_ALLOW_PRIVATE_URLS`` is on (development
and tests), Aula refuses a URL whose host is, or resolves to, anything but a public
address — loopback, private, shared, link-local, multicast, reserved, unspecified:

- when the URL is registered (``check_url``: a form error, nothing saved);
- at every delivery, on the address actually connected to (``guarded_session``): DNS may
  have changed since, or answer differently each time; redirects are never followed.

Only ``http`` and ``https`` URLs; ``https`` only, unless ``AULA_WEBHOOKS_REQUIRE_HTTPS`` is
off (development and tests)."""

import ipaddress
import socket
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.utils.translation import gettext as _
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from .exceptions import RefusedDestination


def private_allowed():
    return getattr(settings, "AULA_WEBHOOKS_ALLOW_PRIVATE_URLS", False)


def https_required():
    return getattr(settings, "AULA_WEBHOOKS_REQUIRE_HTTPS", True)


def is_public(address):
    """Whether ``address`` (an IPv4 or IPv6 address, as text) is one of the public internet's."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 zone ("fe80::1%eth0") is link-local anyway
    except ValueError:
        return False
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    return ip.is_global and not ip.is_multicast


def check_url(url):
    """Raise RefusedDestination, with a message for the administrator, unless Aula may call
    ``url``. Resolves the host (unless private addresses are allowed)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise RefusedDestination(_("Enter a valid URL.")) from None
    if parts.scheme not in ("http", "https"):
        raise RefusedDestination(_("Only http and https URLs can receive webhooks."))
    if parts.scheme != "https" and https_required():
        raise RefusedDestination(_("Use an https URL: deliveries carry learners' data and are sent encrypted only."))
    host = parts.hostname
    if not host:
        raise RefusedDestination(_("Enter a valid URL."))
    if private_allowed():
        return
    port = port or (443 if parts.scheme == "https" else 80)
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise RefusedDestination(_("The host %(host)s cannot be found: check the URL.") % {"host": host}) from None
    for *_rest, sockaddr in answers:
        if not is_public(sockaddr[0]):
            raise RefusedDestination(
                _(
                    "%(host)s is a private, local or reserved address (%(address)s): webhooks go only to "
                    "addresses on the public internet."
                )
                % {"host": host, "address": sockaddr[0]}
            )


def _check_peer(sock):
    """The address a delivery's connection actually reached must be public."""
    address = sock.getpeername()[0]
    if not is_public(address):
        sock.close()
        raise RefusedDestination(
            _("The URL's host resolves to a private, local or reserved address (%(address)s): not called.")
            % {"address": address}
        )


class _GuardedHTTPConnection(HTTPConnection):
    def _new_conn(self):
        sock = super()._new_conn()
        _check_peer(sock)
        return sock


class _GuardedHTTPSConnection(HTTPSConnection):
    def _new_conn(self):
        sock = super()._new_conn()
        _check_peer(sock)
        return sock


class _GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


class _GuardedAdapter(HTTPAdapter):
    """Checks, once connected and before a byte is sent, the address it connected to."""

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _GuardedHTTPPool, "https": _GuardedHTTPSPool}


def guarded_session():
    """A requests session for deliveries: no retries of its own, no proxy from the
    environment (the address checked must be the receiver's), and — unless private
    addresses are allowed — the connected address checked."""
    session = requests.Session()
    session.trust_env = False
    if not private_allowed():
        session.mount("http://", _GuardedAdapter(max_retries=0))
        session.mount("https://", _GuardedAdapter(max_retries=0))
    return session
