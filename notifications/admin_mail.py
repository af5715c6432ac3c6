"""Wagtail's own e-mails (page review workflow: submitted, approved, rejected; comments on a
page being edited) go through ``notifications`` too.

Wagtail sends them itself, from signal handlers (``wagtail.admin.signal_handlers``) and from
the page editor (``send_notification``). ``connect()`` replaces its workflow handlers (by
their ``dispatch_uid``) with the same notifiers whose sending is ``notify()``, and the
editor's ``send_notification`` with one that does the same. Wagtail's templates, recipients
and the notification switches of each user's Wagtail profile are kept; the text is written in
the recipient's language (``notifications.language``) and its links are on the site's
address (``notifications.links``), not the Wagtail ``Site``'s ``localhost``.
``notifications/tests/test_wagtail_mail.py`` fails loudly on a Wagtail upgrade that moves
these seams.
"""

import logging

from django.template.loader import render_to_string
from wagtail.admin import mail as wagtail_mail
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted
from wagtail.users.models import UserProfile

from .language import written_for

logger = logging.getLogger(__name__)

KIND_OF = {
    "submitted": "notifications.review_submitted",
    "approved": "notifications.review_approved",
    "rejected": "notifications.review_rejected",
    "updated_comments": "notifications.page_comments",
}


def _tell(recipients, kind, template_set, context):
    """Render Wagtail's templates for each recipient in their language, and notify them."""
    from .sending import notify

    told = 0
    for recipient in recipients:
        context["user"] = recipient
        with written_for(recipient):
            subject = render_to_string(template_set["subject"], context).strip()
            body = render_to_string(template_set["text"], context).strip()
        page = context.get("page")
        url = page.get_full_url() if page is not None and page.live else ""
        told += notify(recipient, kind, subject=subject, body=body, url=url) is not None
    return told == len(recipients)


class _ThroughNotifications:
    def send_emails(self, template_set, context, recipients, **kwargs):
        return _tell(recipients, KIND_OF[self.notification], template_set, context)


class TaskSubmitted(_ThroughNotifications, wagtail_mail.GroupApprovalTaskStateSubmissionEmailNotifier):
    pass


class WorkflowSubmitted(_ThroughNotifications, wagtail_mail.WorkflowStateSubmissionEmailNotifier):
    pass


class WorkflowApproved(_ThroughNotifications, wagtail_mail.WorkflowStateApprovalEmailNotifier):
    pass


class WorkflowRejected(_ThroughNotifications, wagtail_mail.WorkflowStateRejectionEmailNotifier):
    pass


def send_notification(recipient_users, notification, extra_context):
    """Wagtail's ``send_notification`` (the page editor's comment e-mails), through notify()."""
    recipients = [
        user
        for user in recipient_users
        if user.is_active and user.email and getattr(UserProfile.get_for_user(user), f"{notification}_notifications")
    ]
    prefix = f"wagtailadmin/notifications/{notification}"
    template_set = {"subject": f"{prefix}_subject.txt", "text": f"{prefix}.txt"}
    from django.conf import settings

    return _tell(recipients, KIND_OF[notification], template_set, {"settings": settings, **extra_context})


_notifiers = []  # signals keep weak references


def connect():
    from wagtail.admin.views.pages import edit

    for signal, sender, uid, notifier in (
        (task_submitted, TaskState, "group_approval_task_submitted_email_notification", TaskSubmitted()),
        (workflow_submitted, WorkflowState, "workflow_state_submitted_email_notification", WorkflowSubmitted()),
        (workflow_rejected, WorkflowState, "workflow_state_rejected_email_notification", WorkflowRejected()),
        (workflow_approved, WorkflowState, "workflow_state_approved_email_notification", WorkflowApproved()),
    ):
        signal.disconnect(sender=sender, dispatch_uid=uid)
        _notifiers.append(notifier)
        signal.connect(notifier, sender=sender, dispatch_uid=f"aula-{uid}")
    edit.send_notification = send_notification
