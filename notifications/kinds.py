"""The registry of notification kinds: each app declares what it tells people in its own
``notification_kinds.py`` (read at start-up, like ``renewals.py``), e.g.::

    # certificates/notification_kinds.py
    from django.utils.translation import gettext_lazy as _
    from notifications.kinds import EMAIL, SITE, Kind, register

    register(Kind(
        "certificates.ready",
        label=_("Your certificate is ready"),
        description=_("When a course you completed gives you a certificate."),
        channels={SITE, EMAIL},
    ))

A kind's texts are templates, ``<app>/notifications/<short name>_subject.txt`` and
``_body.txt`` (the short name is what follows the app's dot), rendered in the recipient's
language and time zone when the notification is made (``notifications.sending.notify``).

* ``channels``: where it goes unless the recipient chose otherwise (``SITE``: the
  notification centre, ``EMAIL``);
* ``transactional``: receipts, password and address confirmations: always sent on its
  channels, not shown among the preferences as a choice, no unsubscribe link;
* ``digest``: e-mails of this kind to one recipient are gathered: the first goes at once,
  those that follow within ``digest_minutes`` go together in one e-mail when the window
  closes (``notifications.delivery.send_due``, a django-q2 schedule). The digest e-mail is
  ``<app>/notifications/<short name>_digest_subject.txt`` / ``_digest_body.txt``, given
  ``notifications`` (oldest first) and ``count``;
* ``still_wanted(notification)``: asked just before an e-mail goes (a hidden post, a
  recipient no longer on the course): False skips it;
* ``attachments(notification)``: ``[(filename, bytes, mimetype)]`` read when the e-mail goes;
* ``renders_itself``: it has no templates of its own: its callers pass ``notify()`` the
  texts (allauth's e-mails, Wagtail's workflow e-mails);
* ``staff_only``: only staff get it (Wagtail's review e-mails): the preferences page offers
  it to those who may use the Wagtail admin alone;
* ``recipients``: who gets it, in words (the preferences page and the documentation).
"""

from dataclasses import dataclass, field

from django.utils.module_loading import autodiscover_modules

SITE = "site"
EMAIL = "email"
CHANNELS = (SITE, EMAIL)


class UnknownKind(LookupError):
    """A kind nobody declared (a typo in a caller, a preference posted by hand)."""


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    description: str = ""
    channels: frozenset = field(default_factory=lambda: frozenset({SITE, EMAIL}))
    transactional: bool = False
    digest: bool = False
    digest_minutes: object = 10  # minutes, or a callable returning them (read from settings)
    still_wanted: object = None
    attachments: object = None
    recipients: str = ""  # who gets it, for the documentation and the preferences page
    staff_only: bool = False  # only staff (who may use the Wagtail admin) can get it: offered to them alone
    renders_itself: bool = False  # its callers give notify() the texts (allauth's, Wagtail's templates)

    def __post_init__(self):
        object.__setattr__(self, "channels", frozenset(self.channels))
        unknown = self.channels - set(CHANNELS)
        if unknown or not self.channels:
            raise ValueError(f"Kind {self.name}: channels must be among {CHANNELS}, got {sorted(self.channels)}")
        if "." not in self.name:
            raise ValueError(f"Kind {self.name}: name it '<app>.<what>'")

    @property
    def app_label(self):
        return self.name.split(".", 1)[0]

    @property
    def short_name(self):
        return self.name.split(".", 1)[1]

    def template(self, part):
        """``<app>/notifications/<short name>_<part>.txt``."""
        return f"{self.app_label}/notifications/{self.short_name}_{part}.txt"

    def window_minutes(self):
        minutes = self.digest_minutes() if callable(self.digest_minutes) else self.digest_minutes
        return max(0, int(minutes))


_kinds = {}


def register(kind):
    """Declare ``kind`` (once per name: declaring a name twice is a programming error)."""
    if kind.name in _kinds and _kinds[kind.name] != kind:
        raise ValueError(f"Notification kind {kind.name} is declared twice")
    _kinds[kind.name] = kind
    return kind


def get(name):
    """The kind called ``name``; ``UnknownKind`` when nobody declared it."""
    try:
        return _kinds[name]
    except (KeyError, TypeError):
        raise UnknownKind(name) from None


def all_kinds():
    """Every declared kind, by name."""
    return [_kinds[name] for name in sorted(_kinds)]


def autodiscover():
    autodiscover_modules("notification_kinds")
