from wagtail import hooks

from courses.hooks import PAGE_CONTEXT_HOOK
from courses.models import ResourcePage

from .attempts import evaluation_state


@hooks.register(PAGE_CONTEXT_HOOK)
def evaluation_on_resource_page(page, request, context):
    """The resource page's evaluation block shows the student's attempts, best score,
    whether they may start one, and the open attempt's time left."""
    if not isinstance(page, ResourcePage) or getattr(request, "is_preview", False):
        return None
    return {"evaluation_state": evaluation_state(request.user, page)}


@hooks.register("insert_global_admin_css")
def grading_css():
    """The menu's badge of essays waiting, and the grading pages."""
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<link rel="stylesheet" href="{}">', static("assessments/css/admin-grading.css"))


@hooks.register("register_admin_viewset")
def register_grading_queue():
    from .admin_views import GradingViewSet

    return GradingViewSet()


@hooks.register("register_admin_viewset")
def register_attempts():
    from .attempts_admin import AttemptViewSet

    return AttemptViewSet()


@hooks.register("register_learner_panel")
def learner_attempts_panel(request, learner):
    """The learner's latest attempts (every course's) and how many they made."""
    from django.utils.translation import gettext as _

    from accounts.learners import LearnerPanel
    from courses.viewsets.shared import with_course_title

    from .models import Attempt

    attempts = Attempt.objects.filter(user=learner)
    latest = with_course_title(attempts.order_by("-started_at", "-pk"))[:LEARNER_ATTEMPTS]
    context = {"attempts": latest, "count": attempts.count(), "shown": LEARNER_ATTEMPTS}
    return LearnerPanel(_("Attempts at evaluations"), "assessments/admin/learner_attempts.html", context, order=40)


LEARNER_ATTEMPTS = 20


@hooks.register("register_school_figures")
def essays_waiting_figure(request, period, course):
    """ "Essays waiting" on the admin home, for those who grade them (accounts/school_figures.py)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from accounts.school_figures import Waiting

    from .reviewing import may_grade, pending_essays

    if course is not None or not may_grade(request.user):
        return None
    count = pending_essays(request.user).count()
    return [Waiting("essays", _("essays waiting"), count, reverse("grading:index"), order=10)]
