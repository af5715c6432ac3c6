"""The course page's reviews: ``{% review_list course %}`` and ``{% review_fields form %}``.

Every enrolled student's course page shows the newest reviews and a review form. The
first page of reviews and the blank form are the same for everyone in a language and
time zone, so they are rendered once until the next change (``shared_fragment``; a
review renews the generation); later pages, a student's own review in the form, a form
with errors and previews render on every request.
"""

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from caching.scopes import course as course_scope
from caching.shared import renders_afresh, shared_fragment

from ..learning.reviews import rating_summary, visible_reviews_page

register = template.Library()


@register.simple_tag(takes_context=True)
def review_list(context, course):
    request = context.get("request")
    number = request.GET.get("reviews_page") if request is not None else None

    def render():
        page = visible_reviews_page(course, number, count=rating_summary(course)["count"])
        return render_to_string("courses/includes/review_list.html", {"reviews_page": page})

    if renders_afresh(request) or number not in (None, "", "1"):
        return mark_safe(render())
    name = f"reviews:{course.translation_key}:{timezone.get_current_timezone_name()}"
    return mark_safe(shared_fragment(request, name, render, [course_scope(course.translation_key)]))


@register.simple_tag(takes_context=True)
def review_fields(context, form):
    request = context.get("request")

    def render():
        return render_to_string("courses/includes/review_fields.html", {"review_form": form})

    if renders_afresh(request) or form.is_bound or form.initial:
        return mark_safe(render())
    return mark_safe(shared_fragment(request, "review-form-blank", render))
