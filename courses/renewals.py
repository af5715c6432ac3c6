"""What the courses app's changes renew in the shared cache (``caching.registry``).

A course is one scope in every language (``scopes.course(translation_key)``): its pages,
outline, reviews, discussion and who teaches it. Changes inside a course renew that course
(and the catalog's cards where they show); a student's own rows renew their personal cache.
"""

from wagtail.models import Page

from caching import registry, scopes
from caching.shared import shared_value

from .models import (
    CaptionTrack,
    Category,
    Completion,
    CourseIndexPage,
    CourseMedia,
    CoursePage,
    Enrollment,
    Review,
    SlideDeckPdf,
)
from .teaching import TEACHING

COURSE_DEPTH = 4  # Root → HomePage → CourseIndexPage → CoursePage
STEP = 4  # treebeard's characters per level of ``path``


def course_key_at(path):
    """The ``translation_key`` of the course whose pages live under ``path`` (None when
    none does): a page's place never changes but by a move, which renews ``SITE``."""
    course_path = path[: COURSE_DEPTH * STEP]

    def read():
        key = CoursePage.objects.filter(path=course_path).values_list("translation_key", flat=True).first()
        return str(key) if key else False

    return shared_value(None, f"course-at:{course_path}", read) or None


def _page_depends_on(page):
    if isinstance(page, CourseIndexPage):
        return [scopes.CATALOG]
    if isinstance(page, CoursePage):
        return [scopes.course(page.translation_key)]
    if page.depth >= COURSE_DEPTH:
        key = course_key_at(page.path)
        if key:
            return [scopes.course(key)]
    return None


def _page_change_renews(page):
    if page.depth >= COURSE_DEPTH:
        key = course_key_at(page.path)
        if key:
            return [scopes.course(key), scopes.CATALOG]
    return None


registry.page_scopes(_page_depends_on, _page_change_renews)

registry.renews(CoursePage, lambda course: [scopes.course(course.translation_key), TEACHING])
registry.renews_on_m2m(
    CoursePage.instructors.through,
    lambda instance: (
        [scopes.course(instance.translation_key), TEACHING]
        if isinstance(instance, CoursePage)
        else [scopes.SITE, TEACHING]
    ),  # from the instructor's side: which courses is not known here
)
registry.renews(Review, lambda review: [scopes.course(review.course_key), scopes.CATALOG, scopes.user(review.user_id)])
registry.renews(Enrollment, lambda enrollment: [scopes.user(enrollment.user_id), scopes.course(enrollment.course_key)])
registry.renews(Completion, lambda completion: [scopes.user(completion.user_id)])
registry.renews(Category, lambda category: [scopes.SITE])
# A media item's duration is also kept on the resources that play it
# (``ResourcePage.media_seconds``, re-measured by ``duration.remeasure_resources``, which
# renews this again after its update): outlines, cards and course pages show it.
registry.renews(CourseMedia, lambda media: [scopes.SITE])
registry.renews(CaptionTrack, lambda track: [scopes.SITE])


def _deck_pdf_renews(deck):
    """A deck's PDF becoming ready changes its link on the resource page."""
    path = Page.objects.filter(pk=deck.page_id).values_list("path", flat=True).first()
    key = course_key_at(path) if path else None
    return [scopes.course(key)] if key else []


registry.renews(SlideDeckPdf, _deck_pdf_renews)
registry.read_with_user(TEACHING)  # who teaches: signed-in pages ask (announcements, staff links)
