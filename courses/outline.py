"""A course's outline (sections → resources) in two queries whatever its size, and the
page contexts built on it: previous/next come from the same list.

Outline entries are light records, not pages: their URLs are derived from the course's
URL and their ``url_path`` (a section or resource lives under its course), which keeps a
200-resource outline cheap to build and to render.
"""

from dataclasses import dataclass, field

from .access import check_access
from .blocks import SPEEDS
from .sources import resource_rules
from .templatetags.course_tags import KIND_ICONS, minutes

_PAGE_FIELDS = ("id", "title", "path", "url_path", "live")
_RESOURCE_FIELDS = (
    *_PAGE_FIELDS,
    "translation_key",
    "kind",
    "estimated_minutes",
    "free_preview",
    "requirement",
    "alternative_group",
)


@dataclass
class OutlineResource:
    pk: int
    translation_key: object  # the resource in every language: progress is keyed on it
    title: str
    url: str
    path: str
    live: bool
    kind: str
    kind_label: str
    icon: str
    estimated_minutes: int
    duration: str
    free_preview: bool
    requirement: str
    alternative_group: str


@dataclass
class OutlineSection:
    pk: int
    title: str
    url: str
    path: str
    live: bool
    resources: list = field(default_factory=list)

    @property
    def minutes(self):
        return sum(r.estimated_minutes for r in self.resources)

    @property
    def duration(self):
        return minutes(self.minutes)


@dataclass
class Outline:
    sections: list

    @property
    def resources(self):
        return [r for s in self.sections for r in s.resources]

    @property
    def minutes(self):
        return sum(s.minutes for s in self.sections)

    @property
    def duration(self):
        return minutes(self.minutes)

    def section_of(self, resource):
        for section in self.sections:
            if any(r.pk == resource.pk for r in section.resources):
                return section
        return None

    def neighbours(self, resource):
        """(previous, next) resources around ``resource``, across sections."""
        flat = self.resources
        for index, item in enumerate(flat):
            if item.pk == resource.pk:
                previous = flat[index - 1] if index > 0 else None
                following = flat[index + 1] if index + 1 < len(flat) else None
                return previous, following
        return None, None


def course_outline(course, request=None, include_drafts=False):
    """Two queries whatever the size of the course. Drafts are included for previews."""
    from .models import ResourcePage, SectionPage
    from .models.pages import ResourceKind

    if course is None or not course.pk:
        return Outline([])
    base_url = course.get_url(request) or ""
    prefix = len(course.url_path)

    def url_of(row):
        return base_url + row["url_path"][prefix:]

    sections = SectionPage.objects.child_of(course).order_by("path")
    resources = ResourcePage.objects.descendant_of(course).order_by("path")
    if not include_drafts:
        sections, resources = sections.live(), resources.live()
    outline = [OutlineSection(row["id"], row["title"], url_of(row), row["path"], row["live"])
               for row in sections.values(*_PAGE_FIELDS)]  # fmt: skip
    by_path = {s.path: s for s in outline}
    labels = dict(ResourceKind.choices)
    section_length = len(course.path) + course.steplen
    rows = list(resources.values(*_RESOURCE_FIELDS))
    # A translation's free preview and requirements are the source course's (sources.py).
    rules = resource_rules(course, {row["translation_key"] for row in rows})
    for row in rows:
        section = by_path.get(row["path"][:section_length])
        if section is None:
            continue
        row.update(rules.get(row["translation_key"], {}))
        section.resources.append(
            OutlineResource(
                pk=row["id"],
                translation_key=row["translation_key"],
                title=row["title"],
                url=url_of(row),
                path=row["path"],
                live=row["live"],
                kind=row["kind"],
                kind_label=labels.get(row["kind"], ""),
                icon=KIND_ICONS.get(row["kind"], ""),
                estimated_minutes=row["estimated_minutes"],
                duration=minutes(row["estimated_minutes"]),
                free_preview=row["free_preview"],
                requirement=row["requirement"],
                alternative_group=row["alternative_group"],
            )  # fmt: skip
        )
    return Outline(outline)


def _is_preview(request):
    return bool(getattr(request, "is_preview", False))


def _decision(page, request):
    decision = getattr(request, "course_access", None)
    if decision is None or _is_preview(request):
        decision = check_access(request.user, page)
    return decision


def course_page_context(course, request):
    from .progress import learner_context
    from .reviews import review_context

    outline = course_outline(course, request, include_drafts=_is_preview(request))
    return {
        "course": course,
        "outline": outline,
        "instructors": list(course.instructors.all()),
        "access": _decision(course, request),
        "first_resource": next(iter(outline.resources), None),
        "speeds": SPEEDS,
        **learner_context(request, course, outline),
        **review_context(request, course),
    }


def section_page_context(section, request):
    from .progress import learner_context

    course = section.course
    outline = course_outline(course, request, include_drafts=_is_preview(request))
    return {
        "course": course,
        "outline": outline,
        "section_outline": Outline([s for s in outline.sections if s.pk == section.pk]),
        "access": _decision(section, request),
        **learner_context(request, course, outline),
    }


def resource_page_context(resource, request):
    from .progress import learner_context

    course = resource.course
    outline = course_outline(course, request, include_drafts=_is_preview(request))
    previous, following = outline.neighbours(resource)
    return {
        "course": course,
        "outline": outline,
        "section": outline.section_of(resource),
        "previous_resource": previous,
        "next_resource": following,
        "access": _decision(resource, request),
        **learner_context(request, course, outline, resource),
    }
