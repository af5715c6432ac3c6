"""A course's outline (sections → resources) in two queries whatever its size: the read
model the page contexts (page_context.py), progress, statistics and the dashboard share.

Outline entries are light records, not pages: their URLs are derived from the course's
URL and their ``url_path`` (a section or resource lives under its course), which keeps a
200-resource outline cheap to build and to render.
"""

import hashlib
from dataclasses import dataclass, field
from functools import cached_property

from .duration import format_duration, resource_seconds
from .sources import resource_rules_of
from .templatetags.course_tags import KIND_ICONS

_PAGE_FIELDS = ("id", "title", "path", "url_path", "live")
_RESOURCE_FIELDS = (
    *_PAGE_FIELDS,
    "translation_key",
    "kind",
    "estimated_minutes",
    "media_seconds",
    "free_preview",
    "requirement",
    "alternative_group",
)


@dataclass(frozen=True)
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
    seconds: int  # measured from its media, else its author's estimate (courses/duration.py)
    measured: bool  # whether ``seconds`` were measured
    duration: str
    free_preview: bool
    requirement: str
    alternative_group: str


@dataclass(frozen=True)
class OutlineSection:
    pk: int
    title: str
    url: str
    path: str
    live: bool
    resources: list = field(default_factory=list)

    @property
    def seconds(self):
        return sum(r.seconds for r in self.resources)

    @property
    def duration(self):
        return format_duration(self.seconds)


@dataclass(frozen=True)
class Outline:
    sections: list
    url: str = ""  # the course's

    # Derived once per outline: a shared outline (course_outline) serves many requests.
    @cached_property
    def resources(self):
        return [r for s in self.sections for r in s.resources]

    @cached_property
    def requirements(self):
        """What completing the course takes (``learning.progress.requirements_of``)."""
        from .learning.progress import requirements_of

        return requirements_of(self.resources)

    @cached_property
    def fingerprint(self):
        """Tells outlines apart (for caching what is rendered from one)."""
        pks = ",".join(str(item.pk) for item in [*self.sections, *self.resources])
        return hashlib.blake2b(pks.encode(), digest_size=12).hexdigest()

    @cached_property
    def _positions(self):
        """{resource pk: (its section, its index in ``resources``)}."""
        index = iter(range(len(self.resources)))
        return {r.pk: (section, next(index)) for section in self.sections for r in section.resources}

    @property
    def seconds(self):
        """What the live resources last (the course's duration: ``duration.course_seconds``)."""
        return sum(s.seconds for s in self.sections)

    @property
    def duration(self):
        return format_duration(self.seconds)

    @property
    def badges(self):
        """Which badges the outline shows, for its legend: {"optional", "alternative", "free_preview"}."""
        found = set()
        for resource in self.resources:
            if resource.requirement in ("optional", "alternative"):
                found.add(resource.requirement)
            if resource.free_preview:
                found.add("free_preview")
        return found

    def section_of(self, resource):
        return self._positions.get(resource.pk, (None, None))[0]

    def neighbours(self, resource):
        """(previous, next) resources around ``resource``, across sections."""
        position = self._positions.get(resource.pk)
        if position is None:
            return None, None
        flat, index = self.resources, position[1]
        return (flat[index - 1] if index > 0 else None), (flat[index + 1] if index + 1 < len(flat) else None)


def course_outline(course, request=None, include_drafts=False):
    """Two queries whatever the size of the course, and none while the course is unchanged:
    the published outline is the same for everyone, so with a ``request`` it is shared
    until the next change (``shared_fragment``). Drafts are included for previews."""
    if course is None or not course.pk:
        return Outline([])
    if request is None or include_drafts:
        return course_outlines([course], request, include_drafts)[course.pk]
    from caching.scopes import course as course_scope
    from caching.shared import shared_fragment

    return shared_fragment(
        request,
        f"outline:{course.pk}",
        lambda: course_outlines([course], request)[course.pk],
        scopes=[course_scope(course.translation_key)],
    )


def shared_course_outlines(courses, request):
    """``course_outlines`` of published courses, each shared until the next change like
    ``course_outline``'s: the ones not in the cache are built together (two queries)."""
    from caching.scopes import course as course_scope
    from caching.shared import shared_fragments

    by_name = {f"outline:{course.pk}": course for course in courses if course is not None and course.pk}

    def build(names):
        outlines = course_outlines([by_name[name] for name in names], request)
        return {name: outlines[by_name[name].pk] for name in names}

    scopes = {name: [course_scope(course.translation_key)] for name, course in by_name.items()}
    found = shared_fragments(request, list(by_name), build, scopes)
    return {course.pk: found[name] for name, course in by_name.items()}


def course_outlines(courses, request=None, include_drafts=False):
    """The outlines of several courses (by course pk), in the same two queries as one."""
    from django.db.models import Q

    from .models import ResourcePage, SectionPage
    from .models.pages import ResourceKind

    courses = [course for course in courses if course is not None and course.pk]
    if not courses:
        return {}
    steplen = courses[0].steplen
    under = Q()
    for course in courses:
        under |= Q(path__startswith=course.path)
    sections = SectionPage.objects.filter(under, depth__in={c.depth + 1 for c in courses}).order_by("path")
    resources = ResourcePage.objects.filter(under, depth__in={c.depth + 2 for c in courses}).order_by("path")
    if not include_drafts:
        sections, resources = sections.live(), resources.live()
    by_course = {course.path: course for course in courses}
    base_urls = {course.path: course.get_url(request) or "" for course in courses}
    outlines = {course.pk: Outline([], base_urls[course.path]) for course in courses}
    by_path = {}
    for row in sections.values(*_PAGE_FIELDS):
        course = by_course.get(row["path"][:-steplen])
        if course is None:
            continue
        url = base_urls[course.path] + row["url_path"][len(course.url_path) :]
        section = OutlineSection(row["id"], row["title"], url, row["path"], row["live"])
        outlines[course.pk].sections.append(section)
        by_path[row["path"]] = (course, section)
    labels = dict(ResourceKind.choices)
    rows = list(resources.values(*_RESOURCE_FIELDS))
    keys_by_course = {course: set() for course in courses}
    for row in rows:
        course, _section = by_path.get(row["path"][:-steplen], (None, None))
        if course is not None:
            keys_by_course[course].add(row["translation_key"])
    # A translation's free preview and requirements are the source course's (sources.py).
    rules = resource_rules_of(keys_by_course)
    for row in rows:
        course, section = by_path.get(row["path"][:-steplen], (None, None))
        if section is None:
            continue
        row.update(rules.get(course.pk, {}).get(row["translation_key"], {}))
        seconds = resource_seconds(row["media_seconds"], row["estimated_minutes"])
        section.resources.append(
            OutlineResource(
                pk=row["id"],
                translation_key=row["translation_key"],
                title=row["title"],
                url=base_urls[course.path] + row["url_path"][len(course.url_path) :],
                path=row["path"],
                live=row["live"],
                kind=row["kind"],
                kind_label=labels.get(row["kind"], ""),
                icon=KIND_ICONS.get(row["kind"], ""),
                seconds=seconds,
                measured=bool(row["media_seconds"]),
                duration=format_duration(seconds),
                free_preview=row["free_preview"],
                requirement=row["requirement"],
                alternative_group=row["alternative_group"],
            )  # fmt: skip
        )
    return outlines
