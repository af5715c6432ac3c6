"""Facts about one signed-in user, read from the shared cache instead of the database on
every request: their account (the session's user), enrollments, completions, attempts,
certificates and orders, and HTML rendered from them (``personal_fragment``: the dashboard's
panels).

A value is stored with the token of the user's scope (``caching.scopes.user``) and served
only while it is current; what changes such a fact renews that scope — declared by each app
in its ``renewals.py`` (``caching.registry``), so the next request of that user, on every
server, reads afresh. It is on when ``AULA_PERSONAL_CACHE`` is (and the page cache is);
off, every value is read from the database. Values are the user's own: never put them in
anything shared.
"""

from django.conf import settings
from django.template.context_processors import csrf
from django.utils import timezone
from django.utils.translation import get_language

from . import scopes as _scopes
from .kept_html import as_served, render_to_keep
from .shared import COPIES, request_host, shared_values


def enabled():
    return settings.AULA_PERSONAL_CACHE and _scopes.enabled()


def personal_value(user_id, name, build, scopes=()):
    """``build()``'s value for this user (None included), from the cache while the user's
    scope (and ``scopes``) hold."""
    return personal_values(user_id, [name], lambda missing: {name: build()}, scopes)[name]


def personal_values(user_id, names, build_missing, scopes=()):
    """``{name: value}``: ``build_missing(missing_names)`` reads those the cache lacks."""
    if not enabled() or not user_id:
        return build_missing(list(names))
    _scopes.read_user(user_id)
    named = {f"personal:{user_id}:{name}": name for name in names}

    def build(missing_keys):
        built = build_missing([named[key] for key in missing_keys])
        return {key: _NOTHING if built[named[key]] is None else built[named[key]] for key in missing_keys}

    found = shared_values(None, list(named), build, [_scopes.user(user_id), *scopes], remember=COPIES)
    return {named[key]: None if value == _NOTHING else value for key, value in found.items()}


def personal_fragment(request, name, template_name, read_context, scopes=()):
    """``template_name`` rendered for the signed-in user of ``request`` with the context
    ``read_context()`` returns, kept like a ``personal_value`` (one version per host, language
    and time zone: name whatever else it shows that changes), and served with the response's
    CSRF token and times since put in (``kept_html``). ``read_context`` is called only to
    render; when it returns None there is nothing to show: "" (kept too)."""

    def render():
        context = read_context()
        return "" if context is None else render_to_keep(template_name, context, request)

    html = personal_value(request.user.pk, kept_version(request, name), render, scopes)
    return as_served(html, csrf(request)["csrf_token"]) if html else ""  # the token: lazy, read if a form is inside


def kept_version(request, name):
    """``name`` for this host, language and time zone: what rendered HTML differs by."""
    return f"{name}:{request_host(request)}:{get_language()}:{timezone.get_current_timezone_name()}"


_NOTHING = "aula:nothing"  # a read that found nothing is kept too (shared values never keep None)
