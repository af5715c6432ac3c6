"""The translator's rules, for pages and snippets translated with wagtail-localize.

- A *translation* is a page (or snippet) that wagtail-localize translates into its
  locale from a source: a ``Translation`` targets it. Anything else (a source, a page
  authored in that language) is not a translator's to edit: ``may_edit`` says so, and
  the admin's edit views ask it (home/wagtail_hooks.py), whatever the page permissions.
- A translator *submits* a translation for review (``submit_for_review``): the
  translated strings are saved into a draft of the page and its workflow ("Translation
  review", home/translation_roles.py) starts; a moderator approves and publishes.
- A translation *lags* its source when the source was published after the strings were
  last extracted from it (``source_changed_since``): the translation editor says so and
  offers wagtail-localize's "Sync translated pages".
"""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    Translation,
)
from wagtail_localize.operations import TranslationCreator

from accounts.roles import EDITORS, INSTRUCTORS, MODERATORS, TRANSLATORS
from core.translations import fill_translation, translation_of  # noqa: F401  (the translator's rules use them)

from .exceptions import TranslationNotSubmitted

OTHER_ROLES = {EDITORS, MODERATORS, INSTRUCTORS}


def only_translates(user):
    """A translator with no other admin role (a superuser or an editor who also
    translates keeps their own rights)."""
    if not user.is_authenticated or user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return TRANSLATORS in names and not names & OTHER_ROLES


def may_edit(user, instance):
    """May ``user`` open ``instance``'s editor? Translators: only translations."""
    if not only_translates(user):
        return True
    return translation_of(instance) is not None


def untranslated_strings_remain(instance):
    """Does ``instance`` (a wagtail-localize translation) still show some of its
    source's texts (a string with no translation in its locale)? Slugs do not count."""
    translation = translation_of(instance)
    if translation is None:
        return False
    segments = StringSegment.objects.filter(source_id=translation.source_id).exclude(context__path="slug")
    return segments.annotate_translation(instance.locale).filter(translation__isnull=True).exists()


def source_language_code(instance):
    translation = translation_of(instance)
    return translation.source.locale.language_code if translation else instance.locale.language_code


def source_changed_since(translation):
    """When the source was last published after its strings were extracted (the
    translation lags it), else None."""
    source = translation.source
    instance = source.get_source_instance()
    published = getattr(instance, "last_published_at", None)
    if published is not None and published > source.last_updated_at:
        return published
    return None


def translate_new_page(page, user=None):
    """Translate ``page`` (just published, in a course or a section) into every locale
    its parent is translated into by wagtail-localize and it is not yet: new pages of a
    source course reach the translations (as drafts,
    WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE) without anyone copying them.
    Translations themselves are left alone."""
    parent = page.get_parent()
    if parent is None or not getattr(parent.specific_class, "translate_subtree_by_default", False):
        return  # only inside what is translated whole (a course, a section)
    if translation_of(page) is not None:
        return
    parent_locales = Translation.objects.filter(source__object_id=parent.translation_key, enabled=True).values(
        "target_locale_id"
    )
    already = page.get_translations(inclusive=True).values("locale_id")
    locales = list(Locale.objects.filter(pk__in=parent_locales).exclude(pk__in=already))
    if locales:
        TranslationCreator(user, locales).create_translations(page.specific)


def translate_missing_ancestors(page, locale, user=None):
    """Translate the pages above ``page`` that have no version in ``locale`` yet (top
    down) with wagtail-localize: synced translations, drafts until reviewed."""
    for ancestor in page.get_ancestors().filter(depth__gte=2).specific():
        if ancestor.get_translation_or_none(locale) is None:
            TranslationCreator(user, [locale]).create_translations(ancestor)


def submit_for_review(translation, user):
    """Save the translated strings into a draft of the translated page and start its
    review workflow. Raises TranslationNotSubmitted with a message the translator can
    act on."""
    try:
        target = translation.get_target_instance()
    except ObjectDoesNotExist:
        raise TranslationNotSubmitted(_("The translated page no longer exists.")) from None
    if not isinstance(target, Page):
        raise TranslationNotSubmitted(_("Only pages are submitted for review; an editor publishes snippets."))
    page = target.specific
    if not page.permissions_for_user(user).can_edit():
        raise TranslationNotSubmitted(_("You cannot edit this page."))
    workflow = page.get_workflow()
    if workflow is None:
        raise TranslationNotSubmitted(
            _("No review workflow applies to this page: ask an editor or a moderator to publish it.")
        )
    _save_draft(translation, user)
    page = Page.objects.get(pk=page.pk).specific
    course = getattr(page, "course", None)
    if course is not None:
        return _submit_translated_course(course, translation.target_locale, user)
    state = page.current_workflow_state
    if state is not None:  # submitted again: the review starts over with the new draft
        state.cancel(user=user)
    workflow.start(page, user)
    return page


def _save_draft(translation, user):
    """The translated strings saved into a draft of the translated page."""
    try:
        translation.save_target(user=user, publish=False)
    except ValidationError as error:
        raise TranslationNotSubmitted(
            _("This translation cannot be saved yet: %(errors)s") % {"errors": "; ".join(error.messages)}
        ) from None


def _submit_translated_course(course, locale, user):
    """A page of a course goes to review with its whole course, as instructors submit
    theirs (courses.course_review): every page of the translated course gets its
    translated strings saved into a draft, and the course is submitted once, so the
    moderator publishes it together and no lesson goes live under a draft course."""
    from courses.course_review import submit_course
    from courses.exceptions import CourseReviewError

    keys = Page.objects.descendant_of(course, inclusive=True).values_list("translation_key", flat=True)
    for translation in Translation.objects.filter(source__object_id__in=list(keys), target_locale=locale):
        _save_draft(translation, user)
    course = Page.objects.get(pk=course.pk).specific
    try:
        submit_course(course, user)
    except CourseReviewError as error:
        raise TranslationNotSubmitted(error.message) from None
    return course
