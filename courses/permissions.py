"""Who may edit a course in the Wagtail admin.

Instructors hold *add* and *publish* on the catalog (migration 0002). Wagtail alone would
then let every instructor publish, unpublish and reorder every course, and edit only the
pages they created. Aula's rule is per course instead: the course's instructors and its
owner may edit, publish and restructure the whole course (sections and resources
included, whoever created them); another instructor may only look. Groups with *change*
on the catalog (Moderators, Editors) and superusers keep Wagtail's own rules.
"""

from wagtail.models import PagePermissionTester

from .teaching import is_course_instructor


class CoursePermissionTester(PagePermissionTester):
    def __init__(self, user, page):
        super().__init__(user, page)
        if not user.is_active or user.is_superuser or "change" in self.permissions:
            return
        course = page.course
        if course is None:
            return
        if is_course_instructor(user, course):
            self.permissions = self.permissions | {"change"}
        else:
            self.permissions = set()
