from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail_localize.models import Translation
from wagtail_localize.views import convert

from core.translations import translation_of

from . import course_translation, translators
from .exceptions import HomeError


@require_POST
def submit_translation_for_review(request, translation_id):
    """The translator's "Submit for review" in the translation editor."""
    translation = get_object_or_404(Translation, pk=translation_id, enabled=True)
    try:
        page = translators.submit_for_review(translation, request.user)
    except HomeError as error:
        messages.error(request, error.message)
        try:
            return redirect(translation.get_target_instance_edit_url())
        except ObjectDoesNotExist:
            return redirect("wagtailadmin_home")
    title = page.get_admin_display_title()
    message = _("“%(title)s” was submitted for review: a moderator will publish it.") % {"title": title}
    messages.success(request, message)
    return redirect("wagtailadmin_pages:edit", page.pk)


def translators_never_convert_to_alias(request, page_id):
    """wagtail-localize's "Convert to alias page" replaces a translation by the original,
    live in its language: a publishing decision, not a translator's."""
    if translators.only_translates(request.user):
        messages.error(request, _("Translators cannot turn a translation into a copy of the original."))
        return redirect("wagtailadmin_pages:edit", page_id)
    return convert.convert_to_alias(request, page_id)


def _followed_course(request, page_id):
    from courses.models import CoursePage

    course = get_object_or_404(CoursePage, pk=page_id)
    if not course_translation.may_follow(request.user, course):
        raise PermissionDenied
    return course


def course_translation_page(request, page_id):
    """A course's translation in one place: its pages with their progress and editors."""
    course = _followed_course(request, page_id)
    rows = course_translation.course_progress(course)
    context = {
        "course": course,
        "rows": rows,
        "pages_done": sum(row.done for row in rows),
        "next_row": course_translation.next_untranslated(rows),
        "source": translation_of(course).source.get_source_instance(),
    }
    return TemplateResponse(request, "home/admin/course_translation.html", context)


def next_untranslated_page(request, page_id):
    """ "Next untranslated page": the editor of the course's next page still to translate
    after ``?after=<page id>``, or the course's translation page when none is left."""
    course = _followed_course(request, page_id)
    try:
        after = int(request.GET.get("after", ""))
    except ValueError:
        after = None
    row = course_translation.next_untranslated(course_translation.course_progress(course), after)
    if row is None:
        messages.success(request, _("Every page of this course is translated."))
        return redirect("aula_course_translation", course.pk)
    return redirect(row.edit_url)
