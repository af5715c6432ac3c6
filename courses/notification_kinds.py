"""What the courses app tells people (``notifications.kinds``)."""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import EMAIL, Kind, register

register(
    Kind(
        "courses.invitation",
        label=_("Invitation to a course"),
        description=_("An administrator enrolled your address in a course before you had an account."),
        recipients=_("an address without an account, listed in a bulk enrollment"),
        channels={EMAIL},
        transactional=True,
    )
)
