"""What course pages tell search engines and social networks (``core.seo.SeoPage``): a
course's JSON-LD ``Course``, and which resources the sitemap lists (free previews only:
every other resource is behind enrollment, and an address a search engine cannot open
is not worth listing)."""

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.db.models.functions import Greatest, Length, Substr
from wagtail.models import Page


def course_structured_data(course, facts):
    """A schema.org ``Course``: name, description, language taught, provider (the site),
    instructors, workload, rating (visible reviews) and, when it is priced, the offer."""
    from .learning.reviews import rating_summary
    from .page_context import course_instructors

    data = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": course.title,
        "description": facts.description,
        "url": facts.canonical,
        "inLanguage": course.language,
        "educationalLevel": course.get_level_display(),
        "provider": {"@type": "Organization", "name": facts.site_name, "sameAs": facts.site_url + "/"},
    }
    if facts.image:
        data["image"] = facts.image["url"]
    if course.category_id and course.category:
        data["about"] = course.category.name
    instance = {"@type": "CourseInstance", "courseMode": "Online"}
    if course.estimated_hours:
        instance["courseWorkload"] = f"PT{course.estimated_hours.normalize():f}H"
    instructors = [person.display_name for person in course_instructors(course) if person.display_name]
    if instructors:
        instance["instructor"] = [{"@type": "Person", "name": name} for name in instructors]
    data["hasCourseInstance"] = instance
    rating = rating_summary(course)
    if rating and rating.get("count"):
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": rating["average"],
            "ratingCount": rating["count"],
            "bestRating": 5,
            "worstRating": 1,
        }
    price = course.rules.price
    if price:
        data["offers"] = {
            "@type": "Offer",
            "price": f"{price:.2f}",
            "priceCurrency": settings.AULA_CURRENCY,
            "category": "Paid",
            "url": facts.canonical,
            "availability": "https://schema.org/InStock",
        }
    else:
        data["isAccessibleForFree"] = True
    return data


def free_previews(resources):
    """The free-preview resources among ``resources`` (live, public) whose section and
    course are live too: what an anonymous visitor can open. One query, at any size."""

    def ancestor_path(levels):
        # Never a negative length: PostgreSQL may compute it for rows filtered out later.
        return Substr(OuterRef("path"), 1, Greatest(Length(OuterRef("path")) - levels * Page.steplen, 0))

    parent_live = Page.objects.filter(live=True, path=ancestor_path(1))
    course_live = Page.objects.filter(live=True, path=ancestor_path(2))
    return (
        resources.filter(free_preview=True)
        .alias(section_live=Exists(parent_live), course_live=Exists(course_live))
        .filter(section_live=True, course_live=True)
    )
