"""wagtail-localize helpers every app may use: the ``Translation`` that made an instance,
and filling a translation as a translator would (the demo's and the tests' way to
translate). The translator's rules live in ``home/translators.py``."""

import json

from wagtail.models import DraftStateMixin
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import TranslationCreator


def translation_of(instance):
    """The wagtail-localize ``Translation`` that targets ``instance``, or None."""
    return (
        Translation.objects.filter(source__object_id=instance.translation_key, target_locale_id=instance.locale_id)
        .select_related("source", "target_locale", "source__locale")
        .first()
    )


def fill_translation(instance, locale, texts, user=None, publish=True, overrides=None):
    """Translate ``instance`` into ``locale`` with wagtail-localize as a translator would
    in its editor: ``texts`` maps an original string to its translation (each is saved
    as a ``StringTranslation`` of the source's string), ``overrides`` maps a field name
    (``cover_image``, ``poster``…) to {original value: this language's value}; then the translation is
    saved (published, or a draft). Strings not in ``texts`` keep the original's text.
    Used by the demo and the tests; returns the translated instance."""
    TranslationCreator(user, [locale]).create_translations(instance)
    source = TranslationSource.objects.get_for_instance(instance)
    for segment in OverridableSegment.objects.filter(source=source).select_related("context"):
        field = segment.context.path.rsplit(".", 1)[-1]
        replacement = (overrides or {}).get(field, {}).get(segment.data)
        if replacement is not None:
            SegmentOverride.objects.update_or_create(
                locale=locale, context=segment.context, defaults={"data_json": json.dumps(replacement)}
            )
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        text = texts.get(segment.string.data)
        if text is not None:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string, locale=locale, context=segment.context,
                defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
            )  # fmt: skip
    translation = Translation.objects.get(source=source, target_locale=locale)
    if not isinstance(instance, DraftStateMixin):
        translation.save_target(user=user, publish=True)
        return translation.get_target_instance()
    # wagtail-localize publishes on commit; publishing the draft here works inside any
    # transaction (the demo's, a test's).
    translation.save_target(user=user, publish=False)
    target = translation.get_target_instance()
    if publish:
        target.get_latest_revision().publish(user=user)
        target.refresh_from_db()
    return target
