"""The grading queue in the Wagtail admin: essays waiting in the courses the user teaches
(administrators: every course), each with a small form for points and feedback."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from core.localized import pages_in_active_language
from courses.models import ResourcePage
from courses.viewsets.shared import forbidden

from . import extra_attempts, reviewing
from .exceptions import AssessmentError


class GradingQueueView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "assessments/admin/grading_queue.html"
    page_title = gettext_lazy("Grading queue")
    header_icon = "form"

    def dispatch(self, request, *args, **kwargs):
        if not reviewing.may_grade(request.user):
            return forbidden(request, _("The grading queue is for the course's instructors and administrators."))
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["essays"] = [
            {"answer": answer, "question": reviewing.essay_question(answer)}
            for answer in reviewing.pending_essays(self.request.user)[:50]
        ]
        requests = list(extra_attempts.requests_for(self.request.user)[:50])
        # Which evaluation each request is about (one query): an instructor has many.
        resources = pages_in_active_language(
            ResourcePage.objects.defer_streamfields(), {request.resource_key for request in requests}
        )
        for request in requests:
            request.resource = resources.get(request.resource_key)
        context["extra_requests"] = requests
        return context

    def post(self, request, *args, **kwargs):
        action, post = request.POST.get("action", "grade"), request.POST
        try:
            if action == "grade":
                reviewing.grade_essay(
                    request.user, post.get("answer", ""), post.get("points", ""), post.get("feedback", "")
                )
                messages.success(request, _("The essay is graded."))
            elif action in ("approve", "refuse"):
                extra_attempts.decide(
                    request.user, post.get("request", ""), action == "approve", post.get("reason", "")
                )
                messages.success(request, _("The student will be told your answer."))
            else:
                messages.error(request, _("Unknown action."))
        except AssessmentError as error:
            messages.error(request, error.message)
        return redirect(reverse("grading:index"))


class GradingMenuItem(MenuItem):
    def is_shown(self, request):
        return reviewing.may_grade(request.user)


class GradingViewSet(ViewSet):
    name = "grading"
    url_prefix = "assessments/grading"
    icon = "form"
    menu_label = gettext_lazy("Grading queue")
    menu_item_class = GradingMenuItem
    add_to_admin_menu = True

    def get_urlpatterns(self):
        return [path("", GradingQueueView.as_view(), name="index")]
