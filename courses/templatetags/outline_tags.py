"""``{% course_outline outline current=page heading_level="3" %}``: a course's outline.

Rendering a 300-resource outline through the template costs tens of milliseconds and is
the same for every visitor but for three things per resource: whether it is the current
page, its icon (a check once completed) and the "completed" note for screen readers. So
the template is rendered once per outline, language and change with a mark at each of
those three places (``shared_fragment``), split there, and each request only joins the
pieces with its own state in between. Previews (drafts) render afresh.
"""

from functools import lru_cache

from django import template
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from caching.scopes import course as course_scope
from caching.shared import page_scopes, renders_afresh, shared_fragment
from core.icons import icon_html
from courses.access import locked_in_outline

register = template.Library()

TEMPLATE = "courses/includes/outline.html"
MARK = "\x1e"  # ASCII record separator: never in a page title or a label
MARKS_PER_RESOURCE = 3  # current, icon, completed


@lru_cache(maxsize=64)
def _icon(name, css_class="mt-1"):
    """A resource kind's icon, or the done or lock one (a handful: built once, not once per row)."""
    return icon_html(name, css_class)


@register.simple_tag(takes_context=True)
def course_outline(context, outline, current=None, heading_level="3"):
    request = context.get("request")
    resources = outline.resources

    def render():
        html = render_to_string(TEMPLATE, {"outline": outline, "heading_level": heading_level, "mark": MARK})
        return html.split(MARK)

    if renders_afresh(request):
        pieces = render()
    else:
        course = context.get("course")
        scopes = [course_scope(course.translation_key)] if course is not None else page_scopes(context.get("page"))
        pieces = shared_fragment(request, f"outline-html:{heading_level}:{outline.fingerprint}", render, scopes)
    if len(pieces) != MARKS_PER_RESOURCE * len(resources) + 1:  # a mark inside some text: no state
        return mark_safe("".join(pieces))
    progress = context.get("progress")
    completed = progress.completed_keys if progress else ()
    current_pk = getattr(current, "pk", None)
    # Locks depend on the visitor: the access rule decides them (courses.access.outline_lock,
    # locked_in_outline); they are filled in here, never cached.
    lock_reason = context.get("outline_lock")
    done_note = f", {escape(_('completed'))}"
    lock_note = f", {escape(_('locked'))}"
    parts = [pieces[0]]
    for index, resource in enumerate(resources):
        done = resource.translation_key in completed
        lock = locked_in_outline(lock_reason, resource)
        if done:
            icon, note = _icon("circle-check", "mt-1 outline-done"), done_note
        elif lock:
            icon, note = _icon("lock", "mt-1 outline-lock"), lock_note
        else:
            icon, note = _icon(resource.icon), ""
        parts += [
            ' aria-current="page"' if resource.pk == current_pk else "",
            pieces[MARKS_PER_RESOURCE * index + 1],
            icon,
            pieces[MARKS_PER_RESOURCE * index + 2],
            note,
            pieces[MARKS_PER_RESOURCE * index + 3],
        ]
    return mark_safe("".join(parts))
