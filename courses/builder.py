"""The course builder in the admin: a user's courses, a course's curriculum (its sections
and resources as an outline, each with its status) and moving an item up or down.

Who builds a course is the permission tester's answer (courses/permissions.py): the
course's owner and instructors, and users whose page rights cover every course
(moderators, administrators). A constant number of queries, whatever the course's size.
"""

from dataclasses import dataclass, field

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

    @property
    def status_label(self):
        return Status.LABELS[self.status]


def curriculum(course):
    """The course's sections, each with its resources, in course order, with their status."""
    from .course_review import pages_in_review

    in_review = pages_in_review(course)
    pages = (
        Page.objects.descendant_of(course)
        .order_by("path")
        .only("pk", "title", "draft_title", "path", "depth", "live", "has_unpublished_changes", "content_type_id")
    )
    requirements = dict(ResourcePage.objects.descendant_of(course).values_list("pk", "requirement"))
    sections, current = [], None
    for page in pages:
        item = CurriculumItem(page, status_of(page, in_review), requirements.get(page.pk, ""))
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
