import json

from django import template
from wagtail.models import Page

from .. import course_translation, translators

register = template.Library()


@register.simple_tag(takes_context=True)
def translation_state(context, translation, instance):
    """What the translation editor shows around wagtail-localize's (``translation_status``
    above it, ``translation_footer`` under it): whether the source changed since the
    translation was last synced, the review state, the translator's "Submit for review", and
    the course the page belongs to with its pages translated so far."""
    request = context["request"]
    is_page = isinstance(instance, Page)
    permissions = instance.permissions_for_user(request.user) if is_page else None
    values = {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "translation": translation,
        "instance": instance,
        "source_changed": translators.source_changed_since(translation),
        "source_locale": translation.source.locale,
        "may_submit": is_page and permissions.can_edit() and not permissions.can_publish(),
        "in_review": is_page and instance.workflow_in_progress,
        "translator_footer": translators.only_translates(request.user),
        "course": None,
    }
    course = course_translation.course_of(instance) if is_page else None
    if course is not None and course_translation.may_follow(request.user, course):
        rows = course_translation.course_progress(course)
        values.update(course=course, pages=len(rows), pages_done=sum(row.done for row in rows))
    return values


@register.inclusion_tag("home/admin/translation_status.html")
def translation_status(state):
    return state


@register.inclusion_tag("home/admin/translation_footer.html")
def translation_footer(state):
    """A translator's footer under the translation editor, instead of wagtail-localize's
    (whose main button is "Delete" or "Stop Synced translation" for anyone who cannot
    publish): "Submit for review" first, then the course's next untranslated page."""
    return state


@register.filter
def editor_props_for(props, user):
    """wagtail-localize's editor props, without "Convert to alias page" for a translator
    (home/views.py refuses it anyway)."""
    if not translators.only_translates(user):
        return props
    data = json.loads(props)
    data.get("links", {})["convertToAliasUrl"] = None
    # Not a translator's decisions (and never the footer's main button for them): the
    # footer is Aula's (translation_footer); admins keep wagtail-localize's whole.
    data.setdefault("perms", {}).update(canDelete=False, canUnpublish=False, canLock=False, canUnlock=False)
    return json.dumps(data)
