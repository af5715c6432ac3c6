"""Review moderation in the admin: moderators hide and unhide reviews; instructors read
the reviews of their courses. The text itself is read-only."""

import django_filters
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.permissions import register_permission_policy

from core.permission_policies import RefusingPermissionPolicy

from ..models import Review
from .shared import CourseFilterSet, CourseRecordViewSet, visible_to, with_course_title

MODERATE_REVIEWS_PERMISSION = "courses.change_review"


class ModeratedReviewPolicy(RefusingPermissionPolicy):
    """Reviews are written by students; moderators only hide or unhide them."""

    refused = {"add", "delete"}


register_permission_policy(Review, ModeratedReviewPolicy(Review), exact_class=True)


class ReviewFilterSet(CourseFilterSet):
    every_course_permission = MODERATE_REVIEWS_PERMISSION  # moderators filter by any course
    hidden = django_filters.BooleanFilter(label=_("Hidden"), widget=BooleanRadioSelect)

    class Meta:
        model = Review
        fields = ["hidden"]


class ReviewIndexView(generic.IndexView):
    def get_base_queryset(self):
        reviews = super().get_base_queryset().select_related("user")
        return with_course_title(visible_to(self.request.user, reviews, MODERATE_REVIEWS_PERMISSION))


class ReviewViewSet(CourseRecordViewSet):
    model = Review
    name = "course_reviews"
    url_prefix = "learning/reviews"
    icon = "pick"
    menu_label = _("Reviews")
    index_view_class = ReviewIndexView
    list_display = [
        "rating",
        Column("comment", label=_("Comment"), accessor=lambda r: Truncator(r.comment).chars(140)),
        Column("course_title", label=_("Course"), sort_key="course_title"),
        Column("author", label=_("Author"), accessor=lambda r: r.user.get_display_name()),
        DateColumn("created_at", label=_("Created at"), sort_key="created_at"),
        # A positive mark for what is shown on the site (a tick for "Hidden" read as approval).
        BooleanColumn("visible", label=_("Visible"), accessor=lambda r: not r.hidden, sort_key="hidden"),
    ]
    filterset_class = ReviewFilterSet
    search_fields = ["comment"]
    panels = [FieldPanel("rating", read_only=True), FieldPanel("comment", read_only=True), FieldPanel("hidden")]
