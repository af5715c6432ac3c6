"""``notify()``: the one way an app tells a user something.

It renders the kind's texts in the recipient's language and time zone, stores the
notification (shown in the recipient's notification centre when the site channel is on)
and, when the e-mail channel is on, a ``Delivery`` that a django-q2 job sends once the
caller's transaction commits (``notifications.delivery``).
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from . import kinds
from .language import written_for
from .links import absolute, on_site_address, site_url
from .models import Delivery, Notification
from .preferences import channels_for

logger = logging.getLogger(__name__)


def notify(
    recipient,
    kind,
    *,
    context=None,
    url="",
    language=None,
    target=None,
    key=None,
    subject=None,
    body=None,
    html=None,
):
    """Tell ``recipient`` (a user, or an e-mail address for someone without an account)
    about something of ``kind`` (a declared kind's name; ``UnknownKind`` otherwise).

    * ``context``: what the kind's templates read (``recipient``, ``url`` and ``site_url``
      are added); rendered now, in the recipient's language and time zone;
    * ``url``: where it leads (a path or a full URL), stored as a full URL on the site's
      address;
    * ``language``: the language to write in when the recipient chose none and signed up in
      none (the language they took the course or placed the order in);
    * ``target``: the object it is about (the kind's ``attachments`` and ``still_wanted``
      read it);
    * ``key``: "tell this once": a second call with the same key makes nothing and returns
      the first notification (a job that may run twice);
    * ``subject``/``body``/``html``: texts the caller rendered already (allauth's e-mails),
      instead of the kind's templates.

    Returns the ``Notification``, or None when the recipient turned every channel of the
    kind off (or has no address to write to)."""
    kind = kinds.get(kind)
    if key is not None:
        existing = Notification.objects.filter(key=key).first()
        if existing is not None:
            return existing
    user = None if isinstance(recipient, str) else recipient
    address = recipient if isinstance(recipient, str) else (recipient.email or "")
    channels = channels_for(user, kind)
    if user is not None and not user.is_active and not kind.transactional:
        channels.discard(kinds.EMAIL)
    if user is None:
        channels.discard(kinds.SITE)
    if not address:
        channels.discard(kinds.EMAIL)
    if not channels:
        return None
    full_url = absolute(url)
    with written_for(user, language) as written_in:
        if subject is None:
            values = {**(context or {}), "recipient": user, "url": full_url, "site_url": site_url()}
            subject = render_to_string(kind.template("subject"), values)
            body = render_to_string(kind.template("body"), values)
    notification = Notification(
        recipient=user,
        email=address if user is None else "",
        kind=kind.name,
        subject=" ".join(subject.split())[:300],
        body=on_site_address((body or "").strip()),
        html=on_site_address(html or ""),
        url=full_url,
        language=written_in,
        in_site=kinds.SITE in channels,
        key=key,
    )
    if target is not None:
        notification.target_type = ContentType.objects.get_for_model(target)
        notification.target_id = str(target.pk)
    try:
        with transaction.atomic():
            notification.save()
            if kinds.EMAIL in channels:
                delivery = Delivery.objects.create(notification=notification, address=address, kind=kind.name)
                transaction.on_commit(lambda: queue(delivery.pk))
    except IntegrityError:
        if key is None:
            raise
        return Notification.objects.filter(key=key).first()  # another run made it meanwhile
    return notification


def queue(delivery_id):
    """Hand the delivery to the background workers (django-q2)."""
    from django_q.tasks import async_task

    async_task("notifications.delivery.deliver", delivery_id, group="notifications")
