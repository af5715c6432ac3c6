"""Course reviews: an enrolled student rates a course 1–5, once (editable)."""

from django import forms
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.utils.translation import gettext_lazy as _

from ..exceptions import ReviewError
from ..models import Review
from .enrollment import enrollment_for

PER_PAGE = 10


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=[(n, n) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"invalid_choice": _("Choose a rating from 1 to 5 stars."), "required": _("Choose a rating.")},
    )
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


def save_review(user, course, rating, comment=""):
    if enrollment_for(user, course) is None:
        raise ReviewError(_("Only students enrolled in this course can review it."))
    if rating not in range(1, 6):
        raise ReviewError(_("Choose a rating from 1 to 5 stars."))
    defaults = {"rating": rating, "comment": comment.strip(), "course": course}
    try:
        with transaction.atomic():
            return Review.objects.update_or_create(user=user, course_key=course.translation_key, defaults=defaults)
    except IntegrityError:  # a simultaneous first review: update the one that won
        return Review.objects.update_or_create(user=user, course_key=course.translation_key, defaults=defaults)


def own_review(user, course, request=None):
    """The user's review of ``course``, or None. With a ``request``, asked only of users
    who reviewed it (``reviewer_ids``): most students have not."""
    if not user.is_authenticated:
        return None
    if request is None:
        return Review.objects.filter(user=user, course_key=course.translation_key).first()
    if user.pk not in reviewer_ids(course, request):
        return None
    from .. import cached

    key = course.translation_key
    return cached.own_review(user, key, lambda: Review.objects.filter(user=user, course_key=key).first())


def reviewer_ids(course, request=None):
    """Who reviewed ``course`` (hidden reviews too)."""
    return course_review_facts(course)["reviewers"]


def rating_summaries(course_keys):
    """{course_key: {"average": 4.3, "count": 12}} for visible reviews, in one query."""
    rows = (
        Review.objects.filter(course_key__in=list(course_keys), hidden=False)
        .values("course_key")
        .annotate(average=Avg("rating"), count=Count("id"))
    )
    return {row["course_key"]: {"average": round(row["average"], 1), "count": row["count"]} for row in rows}


def rating_summary(course):
    """The course's rating: ``{"average": 4.3 or None, "count": 12}`` of its visible reviews."""
    return course_review_facts(course)["rating"]


def course_review_facts(course):
    """Who reviewed the course and its rating, from one read of its reviews' three small
    columns, shared until the next change (a review renews its course: courses/renewals.py)."""
    from .. import cached

    key = course.translation_key

    def read():
        rows = list(Review.objects.filter(course_key=key).values_list("user_id", "hidden", "rating"))
        ratings = [rating for _user, hidden, rating in rows if not hidden]
        average = round(sum(ratings) / len(ratings), 1) if ratings else None
        return {
            "reviewers": frozenset(user for user, _hidden, _rating in rows),
            "rating": {"average": average, "count": len(ratings)},
        }

    return cached.course_review_facts(key, read)


def visible_reviews_page(course, page_number, count=None):
    """A page of the course's visible reviews, newest first; ``count``: how many there are,
    when the caller knows (the rating summary does), saving the paginator's count."""
    reviews = (
        Review.objects.filter(course_key=course.translation_key, hidden=False)
        .select_related("user")
        .order_by("-created_at")
    )
    paginator = Paginator(reviews, PER_PAGE)
    if count is not None:
        paginator.__dict__["count"] = count  # Paginator.count is a cached_property
    return paginator.get_page(page_number)


def review_context(request, course):
    """The course page's reviews: summary and the student's own (the list, newest first
    and paginated, is rendered by ``{% review_list %}``, templatetags/review_tags.py)."""
    enrolled = enrollment_for(request.user, course) is not None
    own = own_review(request.user, course, request) if enrolled else None
    initial = {"rating": own.rating, "comment": own.comment} if own else None
    return {
        "rating": rating_summary(course),
        "own_review": own,
        "review_form": ReviewForm(initial=initial) if enrolled else None,
    }
