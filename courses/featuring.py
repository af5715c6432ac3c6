"""Featured courses: editors, moderators and administrators mark a course featured (listed
first in the catalog, on the home page's featured block). An editor never publishes a
course (courses/permissions.py), so when an editor saves a course with "featured" changed,
that one flag goes live at once on every language version, while the rest of what they
changed stays a draft for the course's next review."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .models import CoursePage
from .permissions import may_feature_courses, publishes_courses_only_through_review

PUBLISHING_ACTIONS = ("action-publish", "action-unpublish")


def set_featured(course, featured):
    """``featured`` on the live rows of every language version of ``course`` (saved one by
    one, so the cached catalog and home pages are renewed). Returns how many changed."""
    versions = CoursePage.objects.filter(translation_key=course.translation_key).exclude(featured=featured)
    changed = 0
    for version in versions.defer_streamfields():
        version.featured = featured
        version.save(update_fields=["featured"], clean=False)
        changed += 1
    return changed


def refuse_publishing(request, page):
    """Before Wagtail's editor saves: an editor's "Publish" (or "Unpublish") of a course
    page is refused with the reason, and nothing is saved (Wagtail alone would quietly
    save a draft)."""
    if request.method != "POST" or not any(action in request.POST for action in PUBLISHING_ACTIONS):
        return None
    if getattr(page, "course", None) is None or not publishes_courses_only_through_review(request.user):
        return None
    messages.error(
        request,
        _(
            "Editors do not publish or unpublish courses: a course goes live when a moderator approves "
            "its review. Nothing was saved. To feature a course, tick “featured” and save a draft."
        ),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


def feature_from_the_editor(request, page):
    """After an editor saved a course draft: put a changed "featured" live at once."""
    if not isinstance(page, CoursePage) or not publishes_courses_only_through_review(request.user):
        return None
    if not may_feature_courses(request.user):
        return None
    if set_featured(page, page.featured):
        text = (
            _("“%(title)s” is featured in the catalog now.")
            if page.featured
            else _("“%(title)s” is no longer featured in the catalog.")
        )
        messages.success(request, text % {"title": page.title})
    return None
