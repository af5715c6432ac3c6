"""A course's translation, in one place: its pages (course, sections, resources) in the
translation's language, each with its progress (texts translated / texts to translate) and
the link to its translation editor, and the next page still to translate.

Read in a constant number of queries whatever the course's size: its pages, their
wagtail-localize translations, and the segments of their sources with their translation
into the language. A text counts as translated when it has a translation in that language,
as ``translators.untranslated_strings_remain`` counts it (slugs do not count).
"""

from dataclasses import dataclass

from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringSegment, Translation

from core.translations import translation_of


@dataclass
class PageProgress:
    page: Page
    translated: int
    total: int
    is_translation: bool  # a wagtail-localize translation (a page authored in the language is not)
    level: int = 0  # 0: the course, 1: a section, 2: a resource

    @property
    def done(self):
        return not self.is_translation or self.translated >= self.total

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])

    @property
    def percent(self):
        return 100 if not self.total else round(100 * self.translated / self.total)


def course_of(page):
    """The course a translated page belongs to (itself when it is one), or None."""
    from courses.models import CoursePage

    return CoursePage.objects.ancestor_of(page, inclusive=True).filter(locale_id=page.locale_id).first()


def may_follow(user, course):
    """May ``user`` open the course's translation page? Those who may edit the course's
    translation: its language's translators, the course's staff, admins."""
    return translation_of(course) is not None and course.permissions_for_user(user).can_edit()


def course_progress(course):
    """``PageProgress`` of each page of the translated ``course``, in the course's order."""
    pages = list(Page.objects.descendant_of(course, inclusive=True).order_by("path"))
    keys = [page.translation_key for page in pages]
    translations = {
        t.source.object_id: t
        for t in Translation.objects.filter(source__object_id__in=keys, target_locale_id=course.locale_id)
        .select_related("source")
    }  # fmt: skip
    counts = {t.source_id: [0, 0] for t in translations.values()}
    segments = (
        StringSegment.objects.filter(source_id__in=counts)
        .exclude(context__path="slug")
        .annotate_translation(course.locale)
        .values_list("source_id", "translation")
    )
    for source_id, text in segments:
        counts[source_id][1] += 1
        counts[source_id][0] += text is not None
    rows = []
    for page in pages:
        translation = translations.get(page.translation_key)
        translated, total = counts[translation.source_id] if translation else (0, 0)
        rows.append(PageProgress(page, translated, total, translation is not None, page.depth - course.depth))
    return rows


def next_untranslated(rows, after=None):
    """The first page still to translate after the page ``after`` (a pk), going round to
    the start; None when every page is translated."""
    start = next((i + 1 for i, row in enumerate(rows) if row.page.pk == after), 0)
    ordered = rows[start:] + rows[:start]
    return next((row for row in ordered if not row.done and row.page.pk != after), None)
