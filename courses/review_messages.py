"""A message after a moderator acts on a course review. Wagtail's workflow action view
(used by the curriculum view's "Approve and publish the course" and "Request changes" and
by the dashboard's menu) redirects without a word; this middleware, once that view has
answered, reads what became of the task and says it: approved and published, or changes
requested. A refused approval (the course fails its checklist: courses/admin_refusals.py)
leaves the task in progress, so no success is claimed."""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail.models import TaskState

from .models import CourseSubmission

ACTION_VIEW = "wagtailadmin_pages:workflow_action"


class ReviewMessageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        acted = request.method == "POST" and match is not None and match.view_name == ACTION_VIEW
        if acted and response.status_code < 400:
            say_what_happened(request, match.kwargs.get("task_state_id"))
        return response


def say_what_happened(request, task_state_id):
    task_state = TaskState.objects.filter(pk=task_state_id).select_related("workflow_state").first()
    if task_state is None:
        return
    submission = CourseSubmission.objects.filter(workflow_state=task_state.workflow_state).first()
    if submission is None:
        return
    title = submission.course.title
    if task_state.status == TaskState.STATUS_APPROVED:
        count = submission.pages.count()
        messages.success(
            request,
            _("“%(title)s” was approved: the course and its %(count)s submitted pages are live.")
            % {"title": title, "count": count},
        )
    elif task_state.status == TaskState.STATUS_REJECTED:
        messages.success(
            request, _("Changes were requested: the instructors of “%(title)s” are told.") % {"title": title}
        )
