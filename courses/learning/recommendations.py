"""Courses to suggest to a learner: live courses of the catalog in their language that
they are not enrolled in and do not teach, the same category first, then featured ones.
One query."""

from django.db.models import Case, IntegerField, Value, When

from ..models import Enrollment


def suggested_courses(user, locale, category_id=None, limit=3):
    from ..catalog import courses_in_locale

    courses = courses_in_locale(locale)
    if user.is_authenticated:
        from ..teaching import courses_taught_by

        courses = courses.exclude(translation_key__in=Enrollment.objects.filter(user=user).values("course_key"))
        courses = courses.exclude(translation_key__in=courses_taught_by(user).values("translation_key"))
    same_category = Case(
        When(category_id=category_id, then=Value(0)) if category_id else When(pk=None, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return list(courses.select_related("cover_image", "category").order_by(same_category, "-featured", "title")[:limit])
