"""The page of a translation key in the visitor's language: every app that holds a
``translation_key`` (enrollments, discussion threads, footer links) finds its page here."""

from wagtail.models import Locale


def site_locales():
    """``{language_code: locale id}`` of the site's locales, from the shared cache (locales
    rarely change and renew it when they do): one query, whoever asks."""
    from caching.shared import shared_value

    return shared_value(None, "locales", lambda: dict(Locale.objects.values_list("language_code", "id")))


def active_locale_id():
    """The id of ``Locale.get_active()`` (the active language's locale, else the default
    language's), without its query; None when neither exists."""
    from django.conf import settings
    from django.utils.translation import get_language
    from wagtail.coreutils import get_supported_content_language_variant

    locales = site_locales()
    for code in (get_language(), settings.LANGUAGE_CODE):
        try:
            found = locales.get(get_supported_content_language_variant(code))
        except LookupError:
            continue
        if found is not None:
            return found
    return None


def language_code_of(locale_id):
    """The language code of a locale id (a page's ``locale_id``), without a query."""
    return next((code for code, pk in site_locales().items() if pk == locale_id), None)


def pages_in_active_language(pages, keys):
    """``{translation_key: page}`` for ``keys``, among the ``pages`` queryset (filter it:
    ``.live()``, a page type…): each in the active language when that translation exists,
    else its first version. One query."""
    active = active_locale_id()
    chosen = {}
    for page in pages.filter(translation_key__in=list(keys)).order_by("pk"):
        current = chosen.get(page.translation_key)
        if current is None or (page.locale_id == active and current.locale_id != active):
            chosen[page.translation_key] = page
    return chosen


def page_in_active_language(pages, key):
    """The page of ``key`` in the active language (else its first version), or None."""
    return pages_in_active_language(pages, [key]).get(key)
