"""The grading queue in the Wagtail admin: essays waiting in the courses the user teaches
(administrators: every course), named by course, evaluation and submission date, filtered
by course and evaluation; "Grade next" opens the oldest, and saving a grade can go straight
on to the next. The admin menu's item carries the number waiting."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView, View
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from core.localized import pages_in_active_language
from courses.models import ResourcePage
from courses.viewsets.shared import forbidden

from . import extra_attempts, reviewing
from .exceptions import AssessmentError
from .grading_queue import Filters, essay_context, queue_for


class GradersOnly:
    def dispatch(self, request, *args, **kwargs):
        if not reviewing.may_grade(request.user):
            return forbidden(request, _("The grading queue is for the course's instructors and administrators."))
        return super().dispatch(request, *args, **kwargs)


def _queue_url(filters):
    return reverse("grading:index") + filters.query


class GradingQueueView(GradersOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "assessments/admin/grading_queue.html"
    page_title = gettext_lazy("Grading queue")
    header_icon = "form"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = Filters.from_query(self.request.GET)
        context.update(queue=queue_for(self.request.user, filters), filters=filters)
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


class GradeNextView(GradersOnly, View):
    """The oldest essay waiting for the grader (within the queue's filters), or the queue
    with a message when none waits."""

    def get(self, request):
        filters = Filters.from_query(request.GET)
        essay = reviewing.next_essay(request.user, filters.course, filters.evaluation, request.GET.get("after"))
        if essay is None:
            messages.info(request, _("No essay is waiting to be graded. Well done!"))
            return redirect(_queue_url(filters))
        return redirect(reverse("grading:grade", args=[essay.pk]) + filters.query)


class GradeEssayView(GradersOnly, WagtailAdminTemplateMixin, TemplateView):
    """One essay: the question, the answer, points and feedback; "Save and grade next"."""

    template_name = "assessments/admin/grade_essay.html"
    page_title = gettext_lazy("Grade an essay")
    header_icon = "form"

    def get_breadcrumbs_items(self):
        queue = {"url": reverse("grading:index"), "label": _("Grading queue")}
        return [*self.breadcrumbs_items, queue, {"url": "", "label": self.page_title}]

    def get(self, request, answer_id):
        filters = Filters.from_query(request.GET)
        try:
            answer = reviewing.essay_for(request.user, answer_id)
        except AssessmentError as error:  # graded already, another course's, or none
            messages.error(request, error.message)
            return redirect(_queue_url(filters))
        return self.render_to_response(self.get_context_data(**essay_context(request.user, answer, filters)))

    def post(self, request, answer_id):
        filters, post = Filters.from_query(request.POST), request.POST
        try:
            reviewing.grade_essay(request.user, answer_id, post.get("points", ""), post.get("feedback", ""))
        except AssessmentError as error:
            try:
                answer = reviewing.essay_for(request.user, answer_id)
            except AssessmentError:
                messages.error(request, error.message)
                return redirect(_queue_url(filters))
            context = essay_context(request.user, answer, filters)
            context.update(error=error.message, points=post.get("points", ""), feedback=post.get("feedback", ""))
            return self.render_to_response(self.get_context_data(**context), status=400)
        messages.success(request, _("The essay is graded."))
        if post.get("then") == "queue":
            return redirect(_queue_url(filters))
        return redirect(reverse("grading:next") + (filters.query or "?") + f"&after={answer_id}")

    def render_to_response(self, context, status=200):
        return TemplateResponse(self.request, self.template_name, context, status=status)


class GradingMenuItem(MenuItem):
    """The admin menu's "Grading queue", with the number of essays waiting for this grader
    (their courses only) as a badge; read for each admin page (one query), never cached."""

    def is_shown(self, request):
        return reviewing.may_grade(request.user)

    def render_component(self, request):
        count = reviewing.waiting_count(request.user)
        attrs = dict(self.attrs)  # the item is shared by every request: never change its own
        if count:
            waiting = ngettext("%(count)s essay waiting", "%(count)s essays waiting", count) % {"count": count}
            attrs.update(
                {"data-aula-badge": str(count) if count < 100 else "99+", "aria-label": f"{self.label}: {waiting}"}
            )
        return LinkMenuItem(
            self.name, self.label, self.url, icon_name=self.icon_name, classname=self.classname, attrs=attrs
        )


class GradingViewSet(ViewSet):
    name = "grading"
    url_prefix = "assessments/grading"
    icon = "form"
    menu_label = gettext_lazy("Grading queue")
    menu_item_class = GradingMenuItem
    add_to_admin_menu = True

    def get_urlpatterns(self):
        return [
            path("", GradingQueueView.as_view(), name="index"),
            path("next/", GradeNextView.as_view(), name="next"),
            path("<int:answer_id>/", GradeEssayView.as_view(), name="grade"),
        ]
