"""The Wagtail admin home ("Dashboard") says how the school is doing: the figures every app
contributes (accounts/school_figures.py) over a period chosen by a select, as charts with a
table fallback, the top courses and the work waiting. Administrators see the whole school;
an instructor sees the same panel for their own courses only (each contributor filters by
the user); a role with nothing to show sees no panel.

Accounts contributes its own figure here: new students (people who signed up, staff
excluded), for those who manage people."""

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.forms import Media
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from .people import may_manage_people
from .roles import STAFF_GROUPS
from .school_figures import Chart, school_figures

CHART_SCRIPTS = ["vendor/chartjs/chart.umd.min.js", "accounts/school-figures.js"]


def chart_media():
    return Media(js=[static(path) for path in CHART_SCRIPTS], css={"all": [static("accounts/school-figures.css")]})


class SchoolFiguresPanel(Component):
    name = "school_figures"
    template_name = "accounts/admin/school_figures_panel.html"
    order = 50  # above Wagtail's own panels

    def __init__(self, request):
        self.figures = school_figures(request, request.GET.get("period"))

    @property
    def media(self):
        return Media() if self.figures.is_empty else chart_media()

    def render_html(self, parent_context=None):
        if self.figures.is_empty:
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        return {"figures": self.figures, "request": parent_context["request"]}


def new_students(request, period, course):
    """People who signed up in the period (staff roles and administrators excluded), for
    the whole school only and only for those who manage people. One query."""
    if course is not None or not may_manage_people(request.user):
        return None
    users = (
        get_user_model()
        .objects.filter(date_joined__gte=period.start(), is_superuser=False)
        .exclude(groups__name__in=STAFF_GROUPS)
    )
    rows = users.annotate(bucket=period.trunc("date_joined")).values_list("bucket").annotate(count=Count("pk"))
    return [Chart("new_students", _("New students"), period.fill(rows), order=20)]
