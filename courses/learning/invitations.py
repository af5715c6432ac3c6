"""Bulk enrollment: staff paste a list of e-mail addresses for a course. Each line is
reported: an account's holder is enrolled (or was already), an address without an account
is invited (e-mailed through notifications, kind ``courses.invitation``; enrolled when they
sign up or log in with that address confirmed: ``accept_invitations``), an address that is
not one, or a line repeating an earlier one, is said so.

The whole list is one transaction: should anything fail, nobody was enrolled or invited."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import TextChoices
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..exceptions import EnrollmentError
from ..models import CoursePage, Invitation
from .enrollment import Source, enroll

MAX_LINES = 1000


class Outcome(TextChoices):
    ENROLLED = "enrolled", gettext_lazy("Enrolled")
    ALREADY_ENROLLED = "already_enrolled", gettext_lazy("Already enrolled")
    INVITED = "invited", gettext_lazy("Invited (no account yet)")
    ALREADY_INVITED = "already_invited", gettext_lazy("Already invited (no account yet)")
    INVALID = "invalid", gettext_lazy("Not a valid e-mail address")
    DUPLICATE = "duplicate", gettext_lazy("Repeats an earlier line")


@dataclass
class ReportLine:
    number: int
    text: str
    outcome: Outcome

    @property
    def is_problem(self):
        return self.outcome in (Outcome.INVALID, Outcome.DUPLICATE)


def bulk_enroll(text, course, by):
    """Enroll (or invite) every address of ``text`` (one per line; blank lines ignored) in
    ``course``; returns one ``ReportLine`` per non-blank line. Raises EnrollmentError,
    having done nothing, for an empty list or one over ``MAX_LINES`` lines."""
    lines = [(number, line.strip()) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if not lines:
        raise EnrollmentError(_("Paste at least one e-mail address, one per line."))
    if len(lines) > MAX_LINES:
        raise EnrollmentError(
            _("At most %(max)s addresses at a time; this list has %(count)s.") % {"max": MAX_LINES, "count": len(lines)}
        )
    User = get_user_model()
    wanted = {address.lower() for _number, address in lines}
    users = {user.email.lower(): user for user in User.objects.filter(email__in=wanted)}
    report, seen = [], set()
    with transaction.atomic():
        for number, address in lines:
            key = address.lower()
            if key in seen:
                outcome = Outcome.DUPLICATE
            elif not is_address(address):
                outcome = Outcome.INVALID
            elif key in users:
                _enrollment, created = enroll(users[key], course, Source.ADMIN)
                outcome = Outcome.ENROLLED if created else Outcome.ALREADY_ENROLLED
            else:
                outcome = Outcome.INVITED if invite(key, course, by) else Outcome.ALREADY_INVITED
            seen.add(key)
            report.append(ReportLine(number, address, outcome))
    return report


def is_address(text):
    try:
        validate_email(text)
    except ValidationError:
        return False
    return True


def invite(email, course, by):
    """Invite ``email`` (no account) into ``course``; returns False when a pending invitation
    existed. The e-mail goes once this transaction commits."""
    from notifications.sending import notify

    invitation, created = Invitation.objects.get_or_create(
        email=email, course_key=course.translation_key, accepted_at=None,
        defaults={"course": course, "created_by": by},
    )  # fmt: skip
    if not created:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        signup = reverse("account_signup")
    notify(
        email,
        "courses.invitation",
        context={"course_title": course.title, "inviter": by.get_display_name() if by else ""},
        url=signup,
        target=invitation,
        key=f"courses.invitation:{invitation.token}",
    )
    return True


def addresses_of(user):
    """The addresses ``user`` has confirmed (every address of theirs when the site does not
    ask for confirmation)."""
    from allauth.account.models import EmailAddress

    if settings.ACCOUNT_EMAIL_VERIFICATION != "mandatory":
        return {user.email.lower(), *(e.lower() for e in user.emailaddress_set.values_list("email", flat=True))}
    return {e.lower() for e in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)}


def accept_invitations(user):
    """Enroll ``user`` in every course a pending invitation to one of their confirmed
    addresses is for; returns how many. Called at sign-up confirmation and login."""
    if not user.is_authenticated:
        return 0
    pending = list(Invitation.objects.filter(email__in=addresses_of(user), accepted_at__isnull=True))
    accepted = 0
    for invitation in pending:
        course = CoursePage.objects.filter(translation_key=invitation.course_key).order_by("-live", "pk").first()
        with transaction.atomic():
            if course is not None:
                enroll(user, course, Source.ADMIN)
                accepted += 1
            Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())
    return accepted
