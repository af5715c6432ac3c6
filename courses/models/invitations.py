import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token():
    return secrets.token_urlsafe(24)


class Invitation(models.Model):
    """An address without an account invited into a course (bulk enrollment): when someone
    signs up (or logs in) with that address confirmed, they are enrolled and the invitation
    is accepted (``learning.invitations``)."""

    email = models.EmailField(_("e-mail address"), db_index=True)
    course_key = models.UUIDField(_("course"), db_index=True)
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invited by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("invited at"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["email", "course_key"], condition=Q(accepted_at__isnull=True),
                name="courses_invitation_pending_once",
            )
        ]  # fmt: skip

    def __str__(self):
        return f"{self.email} → {self.course_key}"
