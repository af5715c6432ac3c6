"""Who may edit a course in the Wagtail admin.

Instructors hold *add* and *publish* on the catalog (migration 0002). Wagtail alone would
then let every instructor publish, unpublish and reorder every course, and edit only the
pages they created. Aula's rule is per course instead: the course's instructors and its
owner may edit, publish and restructure the whole course (sections and resources
included, whoever created them); another instructor may only look. Groups with *change*
on the catalog (Moderators, Editors) and superusers keep Wagtail's own rules.

While a workflow ("Course review") applies to the course, instructors do not publish or
unpublish directly: the editor offers them "Submit for review" and no "Publish", and
Wagtail's views, which ask this tester, save a draft instead of publishing. With the
workflow disabled they publish their own courses again. A course is submitted whole
("Submit course for review", courses/course_review.py).

For everyone, administrators included: a course is published only when it passes the
publish checklist, and a section or resource only below a live course and section.

Editors (who hold change and publish on the whole tree, for the home, blog and standard
pages) never publish, unpublish, move or delete a course, section or resource: courses go
live through the course review only. They may open a course in the editor and mark it
featured (``courses/featuring.py`` puts that one flag live at once); anything else they
change stays a draft for the course's next review. A moderator who is also an editor keeps
a moderator's rights.
"""

from django.db.models.functions import Substr
from wagtail.models import Page, PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

from accounts.roles import EDITORS, MODERATORS

from .teaching import is_course_instructor


def may_feature_courses(user):
    """Editors, moderators and administrators mark courses "featured"; instructors do not."""
    if not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name__in=[EDITORS, MODERATORS]).exists()


def publishes_courses_only_through_review(user):
    """An editor (and not a moderator): edits and features courses, never publishes them.
    Remembered on the user for the request."""
    if not user.is_active or user.is_superuser:
        return False
    if "_aula_editor_only" not in user.__dict__:
        groups = set(user.groups.filter(name__in=[EDITORS, MODERATORS]).values_list("name", flat=True))
        user.__dict__["_aula_editor_only"] = groups == {EDITORS}
    return user.__dict__["_aula_editor_only"]


class CoursePermissionTester(PagePermissionTester):
    def __init__(self, user, page):
        super().__init__(user, page)
        if not user.is_active or user.is_superuser:
            return
        if "change" in self.permissions:
            self.refuses_publishing = publishes_courses_only_through_review(user)
            return
        course = page.course
        if course is None:
            return
        if is_course_instructor(user, course):
            self.permissions = self.permissions | {"change"}
            self.review_required = _under_review(page)
        else:
            self.permissions = set()

    review_required = False
    refuses_publishing = False  # an editor: courses go live through the review only

    def can_publish(self):
        if self.refuses_publishing:
            return False
        return not self.review_required and super().can_publish() and self._may_go_live()

    def can_unpublish(self):
        return not (self.review_required or self.refuses_publishing) and super().can_unpublish()

    def can_delete(self, *args, **kwargs):
        return not self.refuses_publishing and super().can_delete(*args, **kwargs)

    def can_move(self):
        return not self.refuses_publishing and super().can_move()

    def can_publish_subpage(self):
        """Nobody publishes a new page below an unpublished course or section."""
        from .course_review import unpublished_ancestors

        if self.review_required or self.refuses_publishing or not super().can_publish_subpage():
            return False
        return self.page.live and not unpublished_ancestors(self.page)

    def can_submit_for_moderation(self):
        """A course is submitted whole, with its changed pages ("Submit course for
        review"); a page below an unpublished course or section goes with its course,
        never alone."""
        from .course_review import unpublished_ancestors
        from .models import CoursePage

        if isinstance(self.page, CoursePage):
            return False  # "Submit course for review" (courses/wagtail_hooks.py) submits it whole
        return super().can_submit_for_moderation() and not unpublished_ancestors(self.page)

    def _may_go_live(self):
        """For everyone, superusers included: a course passes the publish checklist; a
        section or resource is published only below a live course and section."""
        from .course_review import missing_for_publishing, unpublished_ancestors
        from .models import CoursePage

        if isinstance(self.page, CoursePage):
            return not missing_for_publishing(self.page)
        return not unpublished_ancestors(self.page)


class CatalogPermissionTester(PagePermissionTester):
    """On the catalog, instructors (who hold "add", not "change") create courses; while the
    workflow applies, a new course cannot be published in one go either."""

    def can_publish_subpage(self):
        instructor = self.user.is_active and not self.user.is_superuser and "change" not in self.permissions
        if instructor and _under_review(self.page):
            return False
        return super().can_publish_subpage()


def _under_review(page):
    return page.get_workflow() is not None


class CoursePagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, except that a user whose only page rights are "add" and
    "publish" on the catalog (an instructor) explores only the courses they own or teach:
    the admin explorer, its search, the admin pages API (which the explorer menu and the
    page chooser's tree read) all ask ``explorable_instances``. Registered for every page
    at the top of courses/wagtail_hooks.py."""

    def explorable_instances(self, user):
        if self.explores_every_language(user):
            return Page.objects.all()
        pages = super().explorable_instances(user)
        if self.explores_only_own_courses(user):
            pages = pages.exclude(pk__in=pages_of_courses_not_taught_by(user))
        return pages

    def explorable_root_instance(self, user):
        if self.explores_every_language(user):
            return Page.get_first_root_node()
        return super().explorable_root_instance(user)

    def explores_every_language(self, user):
        """Translators browse every page, the sources included, to offer "Translate this
        page" on them; editing stays limited to their page permissions (the other
        languages' trees, home/translation_roles.py)."""
        return user.is_active and not user.is_superuser and user.has_perm("wagtail_localize.submit_translation")

    def explores_only_own_courses(self, user):
        """Not superusers, nor groups with "change" on pages (moderators, editors,
        translators): they keep Wagtail's rule."""
        if not user.is_active or user.is_superuser:
            return False
        return not any(g.permission.codename == "change_page" for g in self.get_cached_permissions_for_user(user))


def pages_of_courses_not_taught_by(user):
    """The ids (a subquery) of the pages of every course ``user`` neither owns nor teaches."""
    from .models import CoursePage

    others = CoursePage.objects.exclude(owner=user).exclude(instructors=user)
    excluded = Page.objects.none()
    for depth in set(others.values_list("depth", flat=True)):
        length = depth * Page.steplen
        excluded |= Page.objects.annotate(course_path=Substr("path", 1, length)).filter(
            depth__gte=depth, course_path__in=others.filter(depth=depth).values("path")
        )
    return excluded.values("pk")


def may_export_course(user, course):
    """Who exports ``course`` as an archive (courses/archive/): its owner and instructors, and
    administrators. The archive holds the evaluations' answer keys, so another instructor,
    a moderator, a translator or a student may not."""
    return user.is_active and (user.is_superuser or is_course_instructor(user, course))
