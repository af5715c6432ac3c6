"""The page of a translation key in the visitor's language: every app that holds a
``translation_key`` (enrollments, discussion threads, footer links) finds its page here."""

from wagtail.models import Locale


def _active_locale_id():
    """The active language's locale id, from the shared cache (locales rarely change and
    renew it when they do)."""
    from django.utils.translation import get_language

    from caching.shared import shared_value

    def read():
        try:
            return Locale.get_active().pk
        except Locale.DoesNotExist:
            return None

    return shared_value(None, f"locale-id:{get_language()}", read)


def pages_in_active_language(pages, keys):
    """``{translation_key: page}`` for ``keys``, among the ``pages`` queryset (filter it:
    ``.live()``, a page type…): each in the active language when that translation exists,
    else its first version. One query."""
    active = _active_locale_id()
    chosen = {}
    for page in pages.filter(translation_key__in=list(keys)).order_by("pk"):
        current = chosen.get(page.translation_key)
        if current is None or (page.locale_id == active and current.locale_id != active):
            chosen[page.translation_key] = page
    return chosen


def page_in_active_language(pages, key):
    """The page of ``key`` in the active language (else its first version), or None."""
    return pages_in_active_language(pages, [key]).get(key)
