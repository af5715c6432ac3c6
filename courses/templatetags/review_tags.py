"""The course page's reviews: ``{% review_list course %}`` and ``{% review_fields form %}``.

Every enrolled student's course page shows the newest reviews and a review form. The
first page of reviews and the blank form are the same for everyone in a language and
time zone, so they are rendered once until the next change (``shared_fragment``; a
review renews the generation); the form filled with a student's own review is kept in their
personal cache; later pages, a form with errors and previews render on every request.
"""

import hashlib

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from caching.personal_cache import personal_value
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

    if renders_afresh(request) or form.is_bound:
        return mark_safe(render())
    if form.initial:  # the student's own review: theirs, kept by what it holds
        return mark_safe(personal_value(request.user.pk, _own_form_name(form.initial), render))
    return mark_safe(shared_fragment(request, "review-form-blank", render))


def _own_form_name(initial):
    """The fields filled with a review depend on the language and on the review alone, so
    they are kept under a digest of both: an edited review is another name (nothing to renew)."""
    digest = hashlib.sha256(repr((initial["rating"], initial["comment"])).encode()).hexdigest()[:20]
    return f"review-form:{get_language()}:{digest}"
