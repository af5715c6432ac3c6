"""Attempts in the admin, for course staff: a read-only listing with CSV/XLSX export, and
the item analysis of each evaluation (linked from the listing)."""

import django_filters
from django.db.models.fields.json import KT
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import register_permission_policy

from core.permission_policies import RefusingPermissionPolicy
from courses.viewsets.shared import (
    CourseFilterSet,
    CourseRecordIndexView,
    CourseRecordViewSet,
    forbidden,
    visible_to,
    with_course_title,
)

from .models import Attempt, AttemptStatus
from .results import (
    VIEW_EVERY_ATTEMPT_PERMISSION,
    evaluation_analysis,
    evaluation_names,
    may_see_attempts,
    reliability_label,
    reliable_attempts,
)


class ReadOnlyAttemptPolicy(RefusingPermissionPolicy):
    """Attempts are written by students on the site and graded by ``grading``/``reviewing``."""

    refused = {"add", "change", "delete"}


register_permission_policy(Attempt, ReadOnlyAttemptPolicy(Attempt), exact_class=True)


class AttemptFilterSet(CourseFilterSet):
    every_course_permission = VIEW_EVERY_ATTEMPT_PERMISSION
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=AttemptStatus.choices)
    passed = django_filters.BooleanFilter(label=gettext_lazy("Passed"))

    class Meta:
        model = Attempt
        fields = []


def analysis_url(attempt):
    return reverse("attempts:analysis", args=[attempt.course_key, attempt.resource_key, attempt.evaluation_id])


class AttemptIndexView(CourseRecordIndexView):
    def get_base_queryset(self):
        attempts = (
            super()
            .get_base_queryset()
            .select_related("user")
            .defer("snapshot")
            .annotate(evaluation_title=KT("snapshot__title"))
        )
        return with_course_title(visible_to(self.request.user, attempts, VIEW_EVERY_ATTEMPT_PERMISSION))


class ResourceColumn(Column):
    """The evaluation's title, linked to its item analysis."""

    cell_template_name = "assessments/admin/analysis_link_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["analysis_url"] = analysis_url(instance)
        return context


class ItemAnalysisView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "assessments/admin/item_analysis.html"
    page_title = gettext_lazy("Item analysis")
    header_icon = "table"

    def dispatch(self, request, course_key, resource_key, evaluation_id):
        if not may_see_attempts(request.user, course_key):
            return forbidden(request, _("The item analysis is for the course's instructors and moderators."))
        self.evaluation_title, self.course_title = evaluation_names(course_key, resource_key, evaluation_id)
        return super().dispatch(request, course_key, resource_key, evaluation_id)

    def get_page_subtitle(self):
        return self.evaluation_title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("attempts:index"), "label": _("Attempts")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        analysis, questions = evaluation_analysis(
            self.kwargs["course_key"], self.kwargs["resource_key"], self.kwargs["evaluation_id"]
        )
        widest = max(analysis.histogram, default=0) or 1
        context.update(
            analysis=analysis,
            evaluation_title=self.evaluation_title,
            course_title=self.course_title,
            reliable_attempts=reliable_attempts(),
            reliability_label=reliability_label(analysis.reliability_method),
            bins=[(low, high, count, round(100 * count / widest)) for low, high, count in analysis.histogram_bins],
            questions=[
                {
                    "number": number,
                    "text": questions.get(stats.question_id, {}).get("text", stats.question_id),
                    "stats": stats,
                    "choices": [
                        {"text": choice["text"], "stats": stats.choice(choice["id"])}
                        for choice in questions.get(stats.question_id, {}).get("choices", [])
                    ],
                }
                for number, stats in enumerate(analysis.questions.values(), start=1)
            ],
        )
        return context


class AttemptViewSet(CourseRecordViewSet):
    model = Attempt
    name = "attempts"
    url_prefix = "assessments/attempts"
    icon = "tasks"
    menu_label = gettext_lazy("Attempts")
    add_to_admin_menu = True
    index_view_class = AttemptIndexView
    ordering = ["-started_at", "-pk"]
    list_display = [
        Column("name", label=gettext_lazy("Student"), accessor=lambda a: a.user.get_display_name()),
        Column("course_title", label=gettext_lazy("Course"), sort_key="course_title"),
        ResourceColumn("resource", label=gettext_lazy("Evaluation"), accessor="evaluation_title"),
        Column("number", label=gettext_lazy("Attempt"), sort_key="number"),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display", sort_key="status"),
        Column("percent", label=gettext_lazy("Score %")),
        BooleanColumn("passed", label=gettext_lazy("Passed"), sort_key="passed"),
        DateColumn("started_at", label=gettext_lazy("Started"), sort_key="started_at"),
        DateColumn("submitted_at", label=gettext_lazy("Submitted"), sort_key="submitted_at"),
    ]
    filterset_class = AttemptFilterSet
    search_fields = ["user__email"]
    list_export = [
        "user.email",
        "user.get_display_name",
        "course_title",
        "evaluation_title",
        "number",
        "get_status_display",
        "percent",
        "passed",
        "started_at",
        "submitted_at",
    ]
    export_headings = {
        "user.email": gettext_lazy("E-mail"),
        "user.get_display_name": gettext_lazy("Student"),
        "course_title": gettext_lazy("Course"),
        "evaluation_title": gettext_lazy("Evaluation"),
        "number": gettext_lazy("Attempt"),
        "get_status_display": gettext_lazy("Status"),
        "percent": gettext_lazy("Score %"),
        "passed": gettext_lazy("Passed"),
        "started_at": gettext_lazy("Started"),
        "submitted_at": gettext_lazy("Submitted"),
    }
    export_filename = "attempts"

    @cached_property
    def analysis_view(self):
        return ItemAnalysisView.as_view()

    def get_urlpatterns(self):
        """The listing and the analysis only: attempts are never edited or inspected by id here."""
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(
                "analysis/<uuid:course_key>/<uuid:resource_key>/<str:evaluation_id>/",
                self.analysis_view,
                name="analysis",
            ),
        ]
