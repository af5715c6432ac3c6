"""What the accounts app tells people (``notifications.kinds``)."""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import EMAIL, Kind, register

register(
    Kind(
        "accounts.account",
        label=_("Account e-mails"),
        description=_(
            "Confirming your e-mail address, resetting your password and other notices about your account's security."
        ),
        recipients=_("the holder of the account, or of the address"),
        channels={EMAIL},
        transactional=True,
        renders_itself=True,
    )
)
register(
    Kind(
        "accounts.data_export",
        label=_("Your data is ready"),
        description=_("The link to download the data you asked for (it expires)."),
        recipients=_("the holder of the account"),
        channels={EMAIL},
        transactional=True,
    )
)
