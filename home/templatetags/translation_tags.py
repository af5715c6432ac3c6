import json

from django import template
from wagtail.models import Page

from .. import translators

register = template.Library()


@register.inclusion_tag("home/admin/translation_status.html", takes_context=True)
def translation_status(context, translation, instance):
    """Above wagtail-localize's translation editor: whether the source changed since the
    translation was last synced, the review state, and the translator's "Submit for review"."""
    request = context["request"]
    is_page = isinstance(instance, Page)
    permissions = instance.permissions_for_user(request.user) if is_page else None
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "translation": translation,
        "instance": instance,
        "source_changed": translators.source_changed_since(translation),
        "source_locale": translation.source.locale,
        "may_submit": is_page and permissions.can_edit() and not permissions.can_publish(),
        "in_review": is_page and instance.workflow_in_progress,
    }


@register.filter
def editor_props_for(props, user):
    """wagtail-localize's editor props, without "Convert to alias page" for a translator
    (home/views.py refuses it anyway)."""
    if not translators.only_translates(user):
        return props
    data = json.loads(props)
    data.get("links", {})["convertToAliasUrl"] = None
    return json.dumps(data)
