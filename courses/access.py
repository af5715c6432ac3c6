"""The one access rule: may this user see this course page or course file, and why.

Everything asks ``check_access``: the page-serving hook (courses/wagtail_hooks.py), the
media and course image views (courses/views/files.py), Wagtail's document view
(``before_serve_document``) and the templates (through the decision each page puts in its
context).

Enrolled students open everything in their course; auditors everything but graded work;
free previews are open to all while the course is published.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, ReferenceIndex

from .learning.enrollment import enrollment_for
from .sources import source_resource_rules


class Reason:
    # allowed
    PUBLIC = "public"  # catalog, course and section pages: the shop window
    STAFF = "staff"  # superusers and holders of OPEN_EVERY_COURSE (moderators, editors)
    INSTRUCTOR = "instructor"  # the course's owner or one of its instructors
    ENROLLED = "enrolled"
    AUDIT = "audit"  # auditing a paid course: non-graded content only
    FREE_PREVIEW = "free_preview"
    NOT_A_COURSE_FILE = "not_a_course_file"  # a document or image outside course collections that no course uses
    REGISTERED = "registered"  # a page of AULA_FILE_PAGE_TYPES (a master class) opens its files to them
    # denied
    LOGIN_NEEDED = "login_needed"
    PURCHASE_NEEDED = "purchase_needed"
    ENROLL_NEEDED = "enroll_needed"  # a free course: one click away
    AUDIT_EXCLUDES = "audit_excludes"  # graded work is not part of auditing
    NOT_PUBLISHED = "not_published"
    REGISTRATION_NEEDED = "registration_needed"  # a page of AULA_FILE_PAGE_TYPES keeps its files to some


# Who opens every course's content on the public site, whatever they bought.
OPEN_EVERY_COURSE = "courses.open_every_course"


MESSAGES = {
    Reason.LOGIN_NEEDED: _("Log in to open this resource."),
    Reason.PURCHASE_NEEDED: _("This resource is part of a paid course. Buy the course to open it."),
    Reason.ENROLL_NEEDED: _("This course is free: enroll to open this resource."),
    Reason.AUDIT_EXCLUDES: _("Graded work is not part of auditing. Buy the course to take it."),
    Reason.NOT_PUBLISHED: _("This content is not published."),
    Reason.REGISTRATION_NEEDED: _("Register to open this file."),
}


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str
    course: object = None

    def __bool__(self):
        return self.allowed

    @property
    def message(self):
        if self.reason == Reason.LOGIN_NEEDED and self.course is not None and not self.course.is_free:
            return _("This resource is part of a paid course. Log in, or buy the course, to open it.")
        return MESSAGES.get(self.reason, "")

    @property
    def is_staff(self):
        """Allowed because the user teaches or manages the course."""
        return self.allowed and self.reason in (Reason.STAFF, Reason.INSTRUCTOR)

    @property
    def needs_login(self):
        return self.reason == Reason.LOGIN_NEEDED

    @property
    def needs_enrollment(self):
        return self.reason == Reason.ENROLL_NEEDED

    @property
    def needs_purchase(self):
        return self.reason == Reason.PURCHASE_NEEDED


def allow(reason, course=None):
    return Decision(True, reason, course)


def deny(reason, course=None):
    return Decision(False, reason, course)


def check_access(user, obj):
    """``obj``: a course, section or resource page, a CourseMedia, a CaptionTrack, or a
    Wagtail document or image. A document or image outside every course collection that no
    course page uses is open (Wagtail's behaviour: images outside course collections are
    public files, courses/course_images.py)."""
    from .models import CaptionTrack, CourseMedia

    if isinstance(obj, Page):
        return _check_page(user, obj)
    if isinstance(obj, (CourseMedia, CaptionTrack)):
        return _check_file(user, obj, unused=deny(Reason.NOT_PUBLISHED))
    return _check_file(user, obj, unused=allow(Reason.NOT_A_COURSE_FILE))  # documents and images


def check_access_many(user, pages):
    """``{page pk: Decision}`` for many pages at once (the site search's results): the same
    rule as ``check_access``, with what it reads for each page (its course, the course as
    authored, the user's teaching and enrollments, unpublished sections, the resources'
    authored rules) looked up for all of them first, in a constant number of queries."""
    from .models import CoursePage, ResourcePage, SectionPage
    from .sources import remember_source_resource_rules, source_courses

    pages = list(pages)
    course_pages = [page for page in pages if isinstance(page, (CoursePage, SectionPage, ResourcePage))]
    _remember_courses(course_pages)
    courses = list({page.course.pk: page.course for page in course_pages if page.course is not None}.values())
    source_courses(courses)
    _remember_teaching(user, courses)
    _remember_enrollments(user, courses)
    resources = [page for page in course_pages if isinstance(page, ResourcePage) and page.course is not None]
    _remember_unpublished_sections(resources)
    by_course = {}
    for resource in resources:
        by_course.setdefault(resource.course, []).append(resource)
    remember_source_resource_rules(by_course)
    return {page.pk: check_access(user, page) for page in pages}


def _remember_courses(pages):
    from .models import CoursePage

    pending = [page for page in pages if not isinstance(page, CoursePage) and "_course" not in page.__dict__]
    if not pending:
        return
    steplen = CoursePage.steplen
    prefixes = {page.path[: steplen * depth] for page in pending for depth in range(1, page.depth)}
    found = {page.path: page for page in pages if isinstance(page, CoursePage)}  # the same instance
    missing = prefixes - set(found)
    if missing:
        found.update((c.path, c) for c in CoursePage.objects.filter(path__in=missing).select_related("category"))
    for page in pending:
        page._course = next(
            (
                found[page.path[: steplen * depth]]
                for depth in range(page.depth - 1, 0, -1)
                if page.path[: steplen * depth] in found
            ),
            None,
        )


def _remember_teaching(user, courses):
    if not user.is_authenticated or user.is_superuser or not courses:
        return
    from .teaching import courses_taught_by

    answers = user.__dict__.setdefault("_aula_teaches", {})
    taught = set(courses_taught_by(user).filter(pk__in=[c.pk for c in courses]).values_list("pk", flat=True))
    for course in courses:
        answers.setdefault(course.pk, course.pk in taught)


def _remember_enrollments(user, courses):
    if not user.is_authenticated or not courses:
        return
    from .models import Enrollment

    cache = user.__dict__.setdefault("_aula_enrollments", {})
    keys = {course.translation_key for course in courses} - set(cache)
    if not keys:
        return
    found = {e.course_key: e for e in Enrollment.objects.filter(user=user, course_key__in=keys)}
    for key in keys:
        cache[key] = found.get(key)


def _remember_unpublished_sections(resources):
    pending = [r for r in resources if "_section_unpublished" not in r.__dict__]
    if not pending:
        return
    steplen = pending[0].steplen
    between = {
        resource: [resource.path[: steplen * depth] for depth in range(resource.course.depth + 1, resource.depth)]
        for resource in pending
    }
    wanted = {path for paths in between.values() for path in paths}
    unpublished = set(Page.objects.filter(path__in=wanted, live=False).values_list("path", flat=True))
    for resource, paths in between.items():
        resource.__dict__["_section_unpublished"] = any(path in unpublished for path in paths)


def _check_page(user, page):
    from .models import CoursePage, ResourcePage, SectionPage

    if not isinstance(page, (CoursePage, SectionPage, ResourcePage)):
        if not page.live:
            return deny(Reason.NOT_PUBLISHED)
        opens_files_to = getattr(page, "opens_files_to", None)  # a page type of AULA_FILE_PAGE_TYPES
        if opens_files_to is None:
            return allow(Reason.PUBLIC)
        if opens_files_to(user):
            return allow(Reason.REGISTERED)
        return deny(Reason.LOGIN_NEEDED if not user.is_authenticated else Reason.REGISTRATION_NEEDED)
    course = page.course
    if course is None:  # a section or resource outside any course is never served
        return deny(Reason.NOT_PUBLISHED)
    staff = _staff_reason(user, course)
    if staff:
        return allow(staff, course)
    if not (page.live and course.live) or (isinstance(page, ResourcePage) and _section_unpublished(page, course)):
        return deny(Reason.NOT_PUBLISHED, course)
    if not isinstance(page, ResourcePage):
        return allow(Reason.PUBLIC, course)
    # Free preview and price come from the course as authored, never from a translation.
    if source_resource_rules(page, course)["free_preview"]:
        return allow(Reason.FREE_PREVIEW, course)
    enrollment = enrollment_for(user, course)
    if enrollment is not None and not enrollment.is_audit:
        return allow(Reason.ENROLLED, course)
    if enrollment is not None:  # auditing: everything but graded work
        return deny(Reason.AUDIT_EXCLUDES, course) if is_graded(page) else allow(Reason.AUDIT, course)
    if not user.is_authenticated:
        return deny(Reason.LOGIN_NEEDED, course)
    if course.is_free:
        return deny(Reason.ENROLL_NEEDED, course)
    return deny(Reason.PURCHASE_NEEDED, course)


def _section_unpublished(resource, course):
    """A resource of an unpublished section is not published either (one query,
    remembered on the page for the rest of the request and in the shared cache)."""
    if "_section_unpublished" not in resource.__dict__:
        from . import cached

        def read():
            return Page.objects.ancestor_of(resource).filter(depth__gt=course.depth, live=False).exists()

        resource.__dict__["_section_unpublished"] = cached.section_unpublished(resource, course, read)
    return resource.__dict__["_section_unpublished"]


def _staff_reason(user, course):
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Reason.STAFF
    from .permissions import is_course_instructor

    if is_course_instructor(user, course):
        return Reason.INSTRUCTOR
    # An explicit right, granted to Moderators and Editors (migration 0007): having "change"
    # somewhere is not enough, translators hold it to translate and are students here.
    if user.has_perm(OPEN_EVERY_COURSE):
        return Reason.STAFF
    return None


def is_graded(resource):
    """Graded work (a body block that completes by grading, e.g. an evaluation) is closed
    to auditors."""
    from .blocks import CompletionMode

    return resource.completion_mode == CompletionMode.GRADED


def _check_file(user, item, unused):
    """A file in a course's collection is that course's material: open to the course's
    staff, and to whoever may open a live page *of that course* that uses it (Wagtail's
    reference index on the published content; a page's view restrictions apply). Draft-only,
    unused or removed, it is refused. Any other file is as open as the most open live course
    page that uses it, or ``unused`` when none does; people who may change it in the admin
    always may (the editor preview needs it)."""
    if user.is_authenticated and user.is_superuser:
        return allow(Reason.STAFF)
    courses = courses_owning_file(item)
    if courses:
        for course in courses:
            staff = _staff_reason(user, course)
            if staff:
                return allow(staff, course)
        pages = [page for page in _pages_using(item) if any(page.path.startswith(c.path) for c in courses)]
        unused = deny(Reason.NOT_PUBLISHED, courses[0])
    elif user.is_authenticated and _can_change_file(user, item):
        return allow(Reason.STAFF)
    else:
        pages = _pages_using(item)
    decision = _most_open(user, pages)
    return unused if decision is None else decision


def _most_open(user, pages):
    """The first allowing decision among ``pages``, else the most telling refusal, else
    None (no page)."""
    denial = None
    for page in pages:
        if not _restrictions_admit(user, page):
            decision = deny(Reason.LOGIN_NEEDED if not user.is_authenticated else Reason.NOT_PUBLISHED)
        else:
            decision = _check_page(user, page)
        if decision.allowed:
            return decision
        if denial is None or decision.reason != Reason.NOT_PUBLISHED:
            denial = decision
    return denial


def _restrictions_admit(user, page):
    """Wagtail page privacy on ``page`` or an ancestor, for a file request: "login" needs a
    signed-in user, "groups" one of the groups; a password-protected page's files are
    refused (the password lives in the page's session form, not in a file link)."""
    return all(_restriction_admits(user, restriction) for restriction in page.get_view_restrictions())


def _restriction_admits(user, restriction):
    from wagtail.models import PageViewRestriction

    if restriction.restriction_type == PageViewRestriction.LOGIN:
        return user.is_authenticated
    if restriction.restriction_type == PageViewRestriction.GROUPS:
        return user.is_authenticated and restriction.groups.filter(pk__in=user.groups.all()).exists()
    return False  # PASSWORD


def courses_owning_file(item):
    """The course (and its language versions, which share its collection) whose collection
    holds ``item``, or [] for a file outside every course collection."""
    from wagtail.models import Collection

    from .models import CoursePage

    collection = getattr(item, "collection", None)
    if collection is None:
        return []
    ancestors = Collection.objects.ancestor_of(collection, inclusive=True)
    return list(CoursePage.objects.filter(collection__in=ancestors).order_by("pk").defer_streamfields())


def _can_change_file(user, item):
    from .file_permissions import file_policy

    return file_policy(item).user_has_permission_for_instance(user, "change", item)


def _pages_using(item):
    """Live course pages whose published content refers to ``item`` (Wagtail's reference
    index), and live pages of the types other apps list in ``AULA_FILE_PAGE_TYPES`` (a
    master class's materials and recording): each such page says whom it opens its files to
    (``opens_files_to(user)``)."""
    from django.apps import apps
    from django.conf import settings

    from .models import CaptionTrack, CoursePage, ResourcePage

    page_type = ContentType.objects.get_for_model(Page)
    ids = ReferenceIndex.get_references_to(item).filter(base_content_type=page_type).values_list("object_id", flat=True)
    ids = list(ids)
    if isinstance(item, CaptionTrack):  # the intro video's captions (a many-to-many, not indexed by Wagtail)
        ids += list(CoursePage.objects.filter(intro_captions=item).values_list("pk", flat=True))
    others = [apps.get_model(label) for label in getattr(settings, "AULA_FILE_PAGE_TYPES", [])]
    pages = Page.objects.filter(pk__in=ids).live().type(CoursePage, ResourcePage, *others)
    return list(pages.specific().defer_streamfields())


def outline_lock(user, course):
    """Why this visitor's outline shows locks on the course's resources (other than free
    previews), or None when every resource opens for them (staff, enrolled). Auditors see
    no locks: only graded work is closed to them, and its page says so. The same rule as
    ``check_access`` for a published resource, without a query per resource."""
    if course is None:
        return None
    if _staff_reason(user, course):
        return None
    if enrollment_for(user, course) is not None:
        return None
    if not user.is_authenticated:
        return Reason.LOGIN_NEEDED
    return Reason.ENROLL_NEEDED if course.is_free else Reason.PURCHASE_NEEDED


def locked_in_outline(reason, resource):
    """Does the outline show ``resource`` locked to a visitor whose outline lock is
    ``reason`` (``outline_lock``)? A free preview never is."""
    return reason is not None and not resource.free_preview


LOCK_MESSAGES = {
    Reason.LOGIN_NEEDED: _("Log in and enroll to open the locked resources."),
    Reason.ENROLL_NEEDED: _("This course is free: enroll to open the locked resources."),
    Reason.PURCHASE_NEEDED: _("Buy the course to open the locked resources."),
}


def lock_message(reason, course):
    """The sentence a locked outline shows (why the locks)."""
    if reason == Reason.LOGIN_NEEDED and course is not None and not course.is_free:
        return _("Log in, or buy the course, to open the locked resources.")
    return LOCK_MESSAGES.get(reason, "")
