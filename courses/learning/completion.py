"""The completion page: what a student sees once a course is complete."""

from ..access import check_access
from ..hooks import Place, contributed_actions
from .enrollment import enrollment_for
from .recommendations import suggested_courses
from .reviews import ReviewForm, own_review


def completion_context(request, course):
    """Congratulations, a review prompt, other apps' actions (e.g. the certificate, through
    the page-action hook) and suggested next courses; None while the course is not complete."""
    enrollment = enrollment_for(request.user, course)
    if enrollment is None or enrollment.completed_at is None:
        return None
    review = own_review(request.user, course)
    return {
        "page": course,
        "course": course,
        "enrollment": enrollment,
        "own_review": review,
        "review_form": None if review else ReviewForm(),
        "actions": contributed_actions(course, request, check_access(request.user, course), Place.CALL_TO_ACTION),
        "suggestions": suggested_courses(request.user, course.locale, category_id=course.category_id, limit=3),
    }
