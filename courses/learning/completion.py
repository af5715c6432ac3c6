"""The completion page: what a student sees once a course is complete."""

from ..access import check_access
from ..hooks import Place, contributed_actions, contributed_completion_panels
from .enrollment import enrollment_for
from .recommendations import suggested_courses
from .reviews import ReviewForm, own_review


def completion_context(request, course):
    """Congratulations, what other apps add (the certificate and its share links, through
    the completion-panel hook; their page actions), a review prompt and what to learn next
    (other courses of the same category first, none the student already has); None while
    the course is not complete. The page is the student's own: never cached for others."""
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
        "completion_panels": contributed_completion_panels(course, request, enrollment),
        "suggestions": suggested_courses(request.user, course.locale, category_id=course.category_id, limit=3),
    }
