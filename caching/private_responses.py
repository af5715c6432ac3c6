"""Answers that differ per visitor must never be kept by a shared cache (a proxy, a CDN,
Aula's own anonymous-page cache). Every such answer goes through ``mark_private`` (or the
``private_response`` view decorator), so the rule lives in one place."""

from functools import wraps

from django.utils.cache import patch_cache_control


def mark_private(response, max_age=None):
    """Mark ``response`` as meant for this visitor only and return it.

    Without ``max_age`` nobody stores it (``private, no-store``): pages, refusals, forms.
    With ``max_age`` (seconds) the visitor's own browser may keep it that long, shared
    caches never (``private, max-age=…``): the bytes of a protected file, for seeking.
    """
    if max_age is None:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, private=True, max_age=max_age)
    return response


def mark_private_unless_shared(request, response):
    """Mark a page that differs per signed-in user, but is the same for every anonymous
    visitor without a session, private for everyone but those visitors (whose successful
    answers Aula's page cache may then share)."""
    from .page_cache import shareable_request

    if response.status_code != 200 or not shareable_request(request):
        mark_private(response)
    return response


def private_response(view):
    """View decorator: the view's answer is marked with ``mark_private``."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return mark_private(view(request, *args, **kwargs))

    return wrapped
