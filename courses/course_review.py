"""Whole-course review: an instructor submits *the course* in one action, a moderator
approves it once, and the course goes live with every section and resource it was
submitted with.

Design, on Wagtail's own workflow engine:

- ``submit_course`` starts the "Course review" workflow on the course page (the item the
  moderator's queue shows, one per course) and records every new or changed section and
  resource below it, at its latest revision, in a ``CourseSubmission``.
- ``publish_workflow_state`` is Wagtail's finishing action (setting
  ``WAGTAIL_FINISH_WORKFLOW_ACTION``): when the last task approves, it publishes the
  course and its recorded pages together, in tree order, in the one transaction in which
  Wagtail finishes the workflow. Rejection is Wagtail's: the workflow needs changes, the
  instructor is notified with the comment, nothing is published.
- The publish checklist (``missing_for_publishing``) is checked at submission and again
  at publishing; a page is never published below an unpublished section or course.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.models import Page, WorkflowState
from wagtail.workflows import publish_workflow_state as publish_one

from .exceptions import CourseReviewError
from .models import CoursePage, CourseSubmission, CourseSubmissionPage, ResourcePage, SectionPage
from .models.pages import Requirement


class ChecklistFailed(CourseReviewError):
    """The course does not pass the publish checklist; ``missing`` lists what it lacks."""

    def __init__(self, missing):
        super().__init__(_("This course cannot go live yet: %(missing)s.") % {"missing": "; ".join(missing)})
        self.missing = missing


@dataclass
class ChecklistItem:
    label: str
    done: bool


def course_as_submitted(course):
    """The course as its latest revision has it (what a moderator would publish)."""
    return course.get_latest_revision_as_object() if course.latest_revision_id else course


def publish_checklist(course, batch_ids=()):
    """What a course needs before it goes live, each item done or not. ``batch_ids``: the
    pages going live with it (its submission), which count as live.

    Three queries, whatever the size of the course."""
    course = course_as_submitted(course)
    batch_ids = set(batch_ids)
    resources = list(ResourcePage.objects.descendant_of(course).values_list("pk", "live", "requirement"))
    going_live = [(pk, live or pk in batch_ids, requirement) for pk, live, requirement in resources]
    return [
        ChecklistItem(_("A summary for the catalog"), bool((course.summary or "").strip())),
        ChecklistItem(_("A cover image"), course.cover_image_id is not None),
        ChecklistItem(_("At least one resource"), any(live for _pk, live, _r in going_live)),
        ChecklistItem(
            _("Every required resource live or in this review"),
            all(live for _pk, live, requirement in going_live if requirement == Requirement.REQUIRED),
        ),
        ChecklistItem(_("A price, or 0 for a free course"), course.price is not None and course.price >= 0),
    ]


def missing_for_publishing(course, batch_ids=()):
    return [str(item.label) for item in publish_checklist(course, batch_ids) if not item.done]


def pages_to_submit(course):
    """The sections and resources of ``course`` that are new or changed since published, in tree order."""
    pages = Page.objects.descendant_of(course).filter(content_type__in=_section_and_resource_types())
    return list(pages.filter(Q(live=False) | Q(has_unpublished_changes=True)).order_by("path"))


def _page_type():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Page)


def _section_and_resource_types():
    from django.contrib.contenttypes.models import ContentType

    return [ContentType.objects.get_for_model(SectionPage), ContentType.objects.get_for_model(ResourcePage)]


def active_submission(course):
    """The course's submission in review (or needing changes), or None."""
    state = course.current_workflow_state
    if state is None:
        return None
    return CourseSubmission.objects.filter(workflow_state=state).first()


def pages_in_review(course):
    """Ids of the pages of ``course`` in a review in progress: the course itself and what
    it was submitted with, or pages submitted on their own. Two queries."""
    course_pages = [str(pk) for pk in Page.objects.descendant_of(course, inclusive=True).values_list("pk", flat=True)]
    states = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS, base_content_type=_page_type(), object_id__in=course_pages
    )
    ids = {int(pk) for pk in states.values_list("object_id", flat=True)}
    ids |= set(
        CourseSubmissionPage.objects.filter(
            submission__course=course, submission__workflow_state__status=WorkflowState.STATUS_IN_PROGRESS
        ).values_list("page_id", flat=True)
    )
    return ids


def courses_in_review(courses):
    """Ids of those ``courses`` in a review in progress. One query."""
    states = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS, base_content_type=_page_type(),
        object_id__in=[str(course.pk) for course in courses],
    )  # fmt: skip
    return {int(pk) for pk in states.values_list("object_id", flat=True)}


@transaction.atomic
def submit_course(course, user):
    """Submit ``course`` with every new or changed section and resource below it. Raises
    CourseReviewError (ChecklistFailed) with what is wrong; changes nothing then."""
    if not course.permissions_for_user(user).can_edit():
        raise CourseReviewError(_("Only the course's instructors can submit it for review."))
    workflow = course.get_workflow()
    if workflow is None:
        raise CourseReviewError(_("No review workflow applies to this course: publish it from the editor."))
    state = course.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        raise CourseReviewError(_("This course is already in review."))
    pages = pages_to_submit(course)
    if course.live and not course.has_unpublished_changes and not pages:
        raise CourseReviewError(_("Nothing to review: the course and its pages are all live and unchanged."))
    missing = missing_for_publishing(course, batch_ids=[page.pk for page in pages])
    if missing:
        raise ChecklistFailed(missing)
    if state is not None:  # changes were requested: this submission replaces that one
        state.cancel(user=user)
    if course.latest_revision_id is None:
        course.save_revision(user=user, log_action=False)
    for page in pages:
        if page.latest_revision_id is None:
            page.specific.save_revision(user=user, log_action=False)
            page.refresh_from_db(fields=["latest_revision"])
    state = workflow.start(course, user)
    submission = CourseSubmission.objects.create(workflow_state=state, course=course)
    CourseSubmissionPage.objects.bulk_create(
        CourseSubmissionPage(submission=submission, page_id=page.pk, revision_id=page.latest_revision_id)
        for page in pages
    )
    return submission


def publish_workflow_state(workflow_state, user=None):
    """Wagtail's finishing action for every approved workflow (WAGTAIL_FINISH_WORKFLOW_ACTION).

    A course publishes with the pages it was submitted with, in tree order (a section
    before its resources), within the transaction Wagtail finishes the workflow in; a
    section or resource submitted alone publishes only if its course and section are live."""
    submission = CourseSubmission.objects.filter(workflow_state=workflow_state).first()
    if submission is None:
        page = workflow_state.content_object
        if isinstance(page, Page) and unpublished_ancestors(page.specific):
            raise CourseReviewError(_("Publish its course and section first: submit the whole course for review."))
        return publish_one(workflow_state, user=user)
    course = submission.course
    items = list(submission.pages.select_related("page", "revision").order_by("page__path"))
    batch_ids = {course.pk, *(item.page_id for item in items)}
    missing = missing_for_publishing(course, batch_ids=batch_ids)
    if missing:
        raise ChecklistFailed(missing)
    if any(unpublished_ancestors(item.page.specific, batch_ids) for item in items):
        raise CourseReviewError(_("A submitted page was moved out of its course's review: submit the course again."))
    # The moderator's approval is the permission: Wagtail checked it for the workflow task.
    course.get_latest_revision().publish(user=user, skip_permission_checks=True)
    for item in items:
        item.revision.publish(user=user, skip_permission_checks=True)


def unpublished_ancestors(page, batch_ids=()):
    """Whether the course or section above ``page`` is not live (and not going live in ``batch_ids``)."""
    if isinstance(page, CoursePage) or not isinstance(page, (SectionPage, ResourcePage)):
        return False
    course = page.course
    if course is None:
        return False
    ancestors = Page.objects.ancestor_of(page).filter(depth__gte=course.depth, live=False)
    return ancestors.exclude(pk__in=list(batch_ids)).exists()


@dataclass
class ReviewSummary:
    """What the curriculum view shows about a course's review."""

    checklist: list
    pages: list  # the pages that would be (or were) submitted, in tree order
    state: object = None  # the workflow state in progress or needing changes
    comment: str = ""
    can_submit: bool = False
    task_state: object = None  # set when the user may approve or reject
    has_workflow: bool = True

    @property
    def in_progress(self):
        return self.state is not None and self.state.status == WorkflowState.STATUS_IN_PROGRESS

    @property
    def needs_changes(self):
        return self.state is not None and self.state.status == WorkflowState.STATUS_NEEDS_CHANGES

    @property
    def ready(self):
        return all(item.done for item in self.checklist)


def review_summary(course, user):
    state = course.current_workflow_state
    submission = CourseSubmission.objects.filter(workflow_state=state).first() if state else None
    if submission is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        pages = [item.page for item in submission.pages.select_related("page").order_by("page__path")]
    else:
        pages = pages_to_submit(course)
    summary = ReviewSummary(checklist=publish_checklist(course, [page.pk for page in pages]), pages=pages, state=state)
    summary.has_workflow = course.get_workflow() is not None
    if summary.needs_changes and state.current_task_state is not None:
        summary.comment = state.current_task_state.get_comment()
    if summary.in_progress:
        task_state = state.current_task_state
        if task_state is not None and task_state.task.specific.get_actions(course, user):
            summary.task_state = task_state
    summary.can_submit = summary.has_workflow and not summary.in_progress and summary.ready
    return summary


def submitted_message(course, submission):
    """What the instructor is told once ``course`` is submitted: the course and how many
    of its sections and resources go with it ("0 changed pages" never said)."""
    from django.utils.translation import ngettext

    count = submission.pages.count()
    if not count:
        return _("“%(title)s” was submitted for review (the course page only).") % {"title": course.title}
    return ngettext(
        "“%(title)s” was submitted for review with %(count)s changed section or resource.",
        "“%(title)s” was submitted for review with %(count)s changed sections and resources.",
        count,
    ) % {"title": course.title, "count": count}
