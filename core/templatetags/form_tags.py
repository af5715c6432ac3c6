from django import template
from django.forms import CheckboxInput, RadioSelect, Select, SelectMultiple
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from caching.shared import shared_fragment

register = template.Library()


@register.inclusion_tag("includes/form_field.html")
def form_field(field):
    """Render a form field the Bootstrap way, with its label, help and errors wired up
    for screen readers (aria-describedby, aria-invalid)."""
    widget = field.field.widget
    if isinstance(widget, CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, (Select, SelectMultiple)) and not isinstance(widget, RadioSelect):
        css = "form-select"
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_help")
    if field.errors:
        described_by.append(f"{field.auto_id}_errors")
    attrs = {"class": css}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return {
        "field": field,
        "widget_html": field.as_widget(attrs=attrs),
        "is_checkbox": isinstance(widget, CheckboxInput),
    }


@register.simple_tag(takes_context=True)
def blank_form_field(context, field, name):
    """``form_field`` for a field every visitor sees the same (the empty question box under
    a lesson): rendered once per language and ``name`` until the next change. A bound
    form (errors) or a filled-in field renders on every request."""
    request = context.get("request")

    def render():
        return render_to_string("includes/form_field.html", form_field(field))

    if request is None or field.form.is_bound or field.value() not in (None, ""):
        return mark_safe(render())
    return mark_safe(shared_fragment(request, f"form-field:{name}", render))
