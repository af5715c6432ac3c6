"""The site's languages for tests: the ``locales`` fixture, and modules building once."""

from wagtail.models import Locale

from home.models import HomePage


def translated_homes():
    """The four site languages, with a translated home page for each: {code: home page}."""
    home = HomePage.objects.get(locale__language_code="en")
    homes = {"en": home}
    for code in ["es", "pt-br", "fr"]:
        locale, _ = Locale.objects.get_or_create(language_code=code)
        translated = home.get_translation_or_none(locale) or home.copy_for_translation(locale)
        translated.save_revision().publish()
        homes[code] = translated
    return homes
