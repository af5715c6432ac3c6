"""The page types Aula's own apps bring to the site search (see search/page_types.py):
courses, their resources, and programs. Resources take their course's category, level,
language and price."""

from django.db.models import Q
from django.db.models.functions import Substr
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .page_types import HOOK, SearchablePageType

# Body blocks whose text is reading material (never an evaluation's questions or keys).
READABLE_BLOCKS = ("rich_text", "markdown")


def course_facets(pages, filters):
    from courses.catalog import filter_courses

    return filter_courses(pages, filters)


def resource_facets(pages, filters):
    """Resources whose course matches the filters (a resource lives under its course)."""
    from courses.models import CoursePage

    if not filters:
        return pages
    courses = course_facets(CoursePage.objects.all(), filters)
    steplen = CoursePage.steplen
    under = Q()
    annotations = {}
    for depth in courses.values_list("depth", flat=True).distinct().order_by():
        name = f"_course_path_{depth}"
        annotations[name] = Substr("path", 1, depth * steplen)
        under |= Q(**{f"{name}__in": courses.filter(depth=depth).values("path")})
    if not annotations:
        return pages.none()
    return pages.annotate(**annotations).filter(under)


def program_facets(pages, filters):
    """Programs have a price (always paid), nothing else the filters ask."""
    if set(filters) - {"price"} or filters.get("price") == "free":
        return pages.none()
    return pages


def resource_excerpt(resource):
    """The text of a resource's reading blocks (raw, without loading any chooser)."""
    texts = []
    for block in resource.body.raw_data:
        if block.get("type") in READABLE_BLOCKS and isinstance(block.get("value"), str):
            # a space at every tag, so a heading and the paragraph after it stay two words
            texts.append(strip_tags(block["value"].replace("<", " <")))
    return " ".join(" ".join(texts).split())


@hooks.register(HOOK)
def courses():
    return SearchablePageType(
        key="course", label=_("Courses"), model="courses.CoursePage", icon="graduation-cap",
        summary=lambda page: page.summary, facets=course_facets,
    )  # fmt: skip


@hooks.register(HOOK)
def resources():
    return SearchablePageType(
        key="resource", label=_("Lessons"), model="courses.ResourcePage", icon="circle-play",
        summary=lambda page: page.search_description, facets=resource_facets, excerpt=resource_excerpt,
    )  # fmt: skip


@hooks.register(HOOK)
def programs():
    return SearchablePageType(
        key="program", label=_("Programs"), model="commerce.ProgramPage", icon="layer-group",
        summary=lambda page: page.summary, facets=program_facets,
    )  # fmt: skip
