"""The moderator's "Awaiting your review" panel on the admin home: a course under review
opens its review (the curriculum view, courses/viewsets/builder.py: its pages, the publish
checklist, approve or request changes), not the page editor, which shows one page only."""

from django.urls import reverse
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel

from ..models import CoursePage


class CourseReviewsToModeratePanel(WorkflowObjectsToModeratePanel):
    template_name = "courses/admin/home/course_reviews_to_moderate.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        for state in context["states"]:
            if isinstance(state["obj"], CoursePage):
                state["review_url"] = reverse("course_builder:curriculum", args=(state["obj"].pk,))
        return context


def replace_review_panel(panels):
    """Wagtail's panel, in place, by the one that opens course reviews."""
    for index, panel in enumerate(panels):
        if type(panel) is WorkflowObjectsToModeratePanel:
            panels[index] = CourseReviewsToModeratePanel()
