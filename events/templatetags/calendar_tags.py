from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

KIND_LABELS = {
    "live_session": _("Live session"),
    "evaluation": _("Evaluation"),
    "master_class": _("Master class"),
}


@register.filter
def entry_kind_label(kind):
    """What a calendar entry is, for the visitor ("Live session", "Master class"…)."""
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())
