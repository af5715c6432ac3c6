"""Blocks the courses app gives the home page, through the ``AULA_HOME_BODY_BLOCKS``
setting (the home app imports none of them). Models are imported inside methods: this
module is imported while the home app's models load."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

GOOD_RATING = 4  # testimonials quote reviews of at least four stars


class TestimonialsBlock(blocks.StructBlock):
    """What students wrote in visible reviews of live, public courses: four or five stars
    and a comment, newest first, each with the reviewer's display name and the course (in
    the visitor's language when it is translated). Shared by every visitor until a review
    changes (a review renews ``CATALOG``: courses/renewals.py)."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    count = blocks.IntegerBlock(label=_("How many"), min_value=1, max_value=12, default=3)

    class Meta:
        icon = "openquote"
        label = _("Testimonials")
        template = "courses/blocks/testimonials.html"
        description = _("Quotes from students' published reviews of four or five stars, with the course reviewed.")
        preview_value = {"heading": "What our students say", "count": 3}

    def get_context(self, value, parent_context=None):
        from caching import scopes
        from caching.shared import renders_afresh, shared_fragment

        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        count = value["count"]
        if renders_afresh(request):  # the editor's preview
            context["testimonials"] = testimonials(count, request)
        else:
            context["testimonials"] = shared_fragment(
                request, f"testimonials:{count}", lambda: testimonials(count, request), [scopes.CATALOG]
            )
        return context


def testimonials(count, request=None):
    """Up to ``count`` quotes: ``[{"quote", "rating", "name", "course_title", "course_url"}]``
    (plain values: nothing about the visitor, the reviewer by display name only). A few
    queries, whatever the number of reviews; the URLs written with the request's site root
    paths (Wagtail reads them in two more queries without it when its cache is off)."""
    from core.localized import pages_in_active_language

    from .models import CoursePage, Review

    reviews = list(
        Review.objects.filter(hidden=False, rating__gte=GOOD_RATING, user__is_active=True)
        .exclude(comment="")
        .filter(course_key__in=CoursePage.objects.live().public().values("translation_key"))
        .select_related("user")
        .order_by("-created_at", "-pk")[:count]
    )
    courses = pages_in_active_language(CoursePage.objects.live().public(), {r.course_key for r in reviews})
    quotes = []
    for review in reviews:
        course = courses.get(review.course_key)
        if course is None:
            continue
        quotes.append(
            {
                "quote": review.comment,
                "rating": review.rating,
                "name": review.user.display_name or str(_("A student")),
                "course_title": course.title,
                "course_url": course.get_url(request),
            }
        )
    return quotes
