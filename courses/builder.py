"""The course builder in the admin: a user's courses, a course's curriculum (its sections
and resources as an outline, each with its status, type, duration and flags), moving an
item up or down or into a new order (drag and drop), and adding a section or a resource
in place (a title and a type: a draft, its body started with a block of that type).

Who builds a course is the permission tester's answer (courses/permissions.py): the
course's owner and instructors, and users whose page rights cover every course
(moderators, administrators). A constant number of queries, whatever the course's size.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from .exceptions import CurriculumError
from .learning.course_statistics import course_summaries
from .models import CoursePage, ResourcePage, SectionPage
from .teaching import courses_taught_by


class Status:
    DRAFT = "draft"
    LIVE = "live"
    CHANGED = "changed"
    IN_REVIEW = "in_review"

    LABELS = {
        DRAFT: gettext_lazy("Draft"),
        LIVE: gettext_lazy("Live"),
        CHANGED: gettext_lazy("Changed since published"),
        IN_REVIEW: gettext_lazy("In review"),
    }


def status_of(page, in_review_ids):
    if page.pk in in_review_ids:
        return Status.IN_REVIEW
    if not page.live:
        return Status.DRAFT
    return Status.CHANGED if page.has_unpublished_changes else Status.LIVE


def may_build(user, course):
    """Whether ``user`` may open ``course`` in the builder (and change it there)."""
    return user.is_active and course.permissions_for_user(user).can_edit()


def sees_every_course(user):
    """Administrators and holders of "change" on pages (moderators, editors) see every
    course; the explorer's own rule (courses/permissions.py)."""
    from wagtail.permissions import policy_registry

    return user.is_active and not policy_registry.get_by_type(Page).explores_only_own_courses(user)


def builder_courses(user):
    """The courses listed in the builder for ``user``, by title."""
    courses = CoursePage.objects.all() if sees_every_course(user) else courses_taught_by(user)
    return list(courses.defer_streamfields().select_related("locale").order_by("title", "locale_id"))


@dataclass
class CourseRow:
    course: CoursePage
    status: str
    students: int

    @property
    def status_label(self):
        return Status.LABELS[self.status]


def course_rows(user):
    """The builder's list: each course with its status, students and last change."""
    from .course_review import courses_in_review

    courses = builder_courses(user)
    summaries = {s.course.pk: s for s in course_summaries(courses)}
    in_review = courses_in_review(courses)
    return [CourseRow(c, status_of(c, in_review), summaries[c.pk].enrolled) for c in courses]


@dataclass
class CurriculumItem:
    page: Page
    status: str
    requirement: str = ""
    resources: list = field(default_factory=list)
    first: bool = False
    last: bool = False
    kind: str = ""  # a ResourceKind value (resources only)
    minutes: int = 0
    free_preview: bool = False

    @property
    def status_label(self):
        return Status.LABELS[self.status]

    @property
    def kind_label(self):
        from .models.pages import ResourceKind

        if self.kind == "evaluation":
            return _("Evaluation")
        return ResourceKind(self.kind).label if self.kind in ResourceKind.values else ""

    @property
    def requirement_label(self):
        from .models.pages import Requirement

        return Requirement(self.requirement).label if self.requirement in Requirement.values else ""


def _kind(body):
    """What the curriculum calls a resource: its kind, or "evaluation" when it is graded
    (read from the body's raw data: no query)."""
    from .blocks import CompletionMode, resource_profile

    profile = resource_profile(body)
    return "evaluation" if profile.completion == CompletionMode.GRADED else profile.kind


def curriculum(course):
    """The course's sections, each with its resources, in course order, with their status."""
    from .course_review import pages_in_review

    in_review = pages_in_review(course)
    pages = (
        Page.objects.descendant_of(course)
        .order_by("path")
        .only("pk", "title", "draft_title", "path", "depth", "live", "has_unpublished_changes", "content_type_id")
    )
    fields = ("pk", "requirement", "body", "estimated_minutes", "free_preview")
    resources = {
        pk: (requirement, _kind(body), minutes, preview)
        for pk, requirement, body, minutes, preview in ResourcePage.objects.descendant_of(course).values_list(*fields)
    }
    sections, current = [], None
    for page in pages:
        requirement, kind, minutes, free_preview = resources.get(page.pk, ("", "", 0, False))
        item = CurriculumItem(page, status_of(page, in_review), requirement, kind=kind, minutes=minutes)
        item.free_preview = free_preview
        if page.depth == course.depth + 1:
            current = item
            sections.append(item)
        elif current is not None and page.depth == course.depth + 2:
            current.resources.append(item)
    for items in [sections, *(s.resources for s in sections)]:
        if items:
            items[0].first = True
            items[-1].last = True
    return sections


def move(course, page_id, direction, user):
    """Move a section or resource of ``course`` one place up or down among its siblings
    (treebeard's move, through Wagtail, which logs it and checks the user's rights)."""
    if direction not in ("up", "down"):
        raise CurriculumError(_("Choose to move it up or down."))
    page = Page.objects.descendant_of(course).filter(pk=page_id).first()
    if page is None:
        raise CurriculumError(_("This page is not part of this course."))
    parent = page.get_parent().specific
    if not parent.permissions_for_user(user).can_reorder_children():
        raise CurriculumError(_("You cannot reorder this course's pages."))
    sibling = page.get_prev_sibling() if direction == "up" else page.get_next_sibling()
    if sibling is None:
        raise CurriculumError(_("It is already the first.") if direction == "up" else _("It is already the last."))
    page.specific.move(sibling, pos="left" if direction == "up" else "right", user=user)
    return page


def create_urls(course, sections):
    """Wagtail's create form, with the parent chosen, for a new section and for a new
    resource in each section."""
    from django.urls import reverse

    def add(model, parent_id):
        return reverse("wagtailadmin_pages:add", args=("courses", model._meta.model_name, parent_id))

    return add(SectionPage, course.pk), {s.page.pk: add(ResourcePage, s.page.pk) for s in sections}


def reorder(course, parent_id, page_ids, user):
    """Put the children of ``parent_id`` (the course, or one of its sections) in the order
    of ``page_ids`` (a drag and drop). ``page_ids`` must be exactly those children, each
    once; anything else is refused and nothing moves. Returns the number of pages moved."""
    parent = Page.objects.descendant_of(course, inclusive=True).filter(pk=parent_id, depth__lte=course.depth + 1)
    parent = parent.first()
    if parent is None:
        raise CurriculumError(_("This section is not part of this course."))
    if not parent.specific.permissions_for_user(user).can_reorder_children():
        raise CurriculumError(_("You cannot reorder this course's pages."))
    try:
        wanted = [int(pk) for pk in page_ids]
    except (TypeError, ValueError):
        raise CurriculumError(_("The new order is not a list of this section's pages.")) from None
    current = list(parent.get_children().order_by("path"))
    if len(set(wanted)) != len(wanted) or sorted(wanted) != sorted(page.pk for page in current):
        raise CurriculumError(_("The new order must list each page of this section exactly once; nothing was moved."))
    by_id = {page.pk: page for page in current}
    moved = 0
    with transaction.atomic():
        for position, pk in enumerate(wanted):
            if current[position].pk == pk:
                continue
            page = by_id[pk]
            page.specific.move(current[position], pos="left", user=user)
            current.remove(page)
            current.insert(position, page)
            for item in current:  # paths changed: treebeard needs them fresh for the next move
                item.refresh_from_db(fields=["path"])
            moved += 1
    return moved


# Adding in place: the types a new resource can start as (a block of the resource body).
NEW_RESOURCE_BLOCKS = ("rich_text", "video", "audio", "pdf", "slides", "evaluation")
MAX_TITLE = 255


def new_resource_types():
    """(block name, label) of the types offered when adding a resource in place."""
    children = ResourcePage.body.field.stream_block.child_blocks
    return [(name, children[name].label) for name in NEW_RESOURCE_BLOCKS if name in children]


def _clean_title(title):
    title = " ".join((title or "").split())
    if not title:
        raise CurriculumError(_("Give it a title."))
    if len(title) > MAX_TITLE:
        raise CurriculumError(_("A title has at most %(count)s characters.") % {"count": MAX_TITLE})
    return title


def _add_draft(parent, page, user):
    if not parent.permissions_for_user(user).can_add_subpage():
        raise CurriculumError(_("You cannot add pages here."))
    page.live = False
    page.owner = user
    with transaction.atomic():
        parent.add_child(instance=page)
        page.save_revision(user=user, log_action=True)
    return page


def add_section(course, title, user):
    """A new draft section at the end of ``course``."""
    return _add_draft(course, SectionPage(title=_clean_title(title)), user)


def add_resource(course, section_id, title, block_name, user):
    """A new draft resource at the end of the section, its body started with one empty
    block of the chosen type (the editor asks for the rest)."""
    section = SectionPage.objects.child_of(course).filter(pk=section_id).first()
    if section is None:
        raise CurriculumError(_("This section is not part of this course."))
    title = _clean_title(title)
    if block_name not in dict(new_resource_types()):
        raise CurriculumError(_("Choose the type of the new resource."))
    body_block = ResourcePage.body.field.stream_block
    value = body_block.child_blocks[block_name].get_default()
    if hasattr(value, "keys") and "title" in value:  # an evaluation's or a medium's title
        value["title"] = title
    page = ResourcePage(title=title, body=[(block_name, value)])
    return _add_draft(section, page, user)
