"""Your data: a person's export, built in the background from every app's provider
(``accounts.personal_data``) into one zip in private storage — ``personal-data.json`` and
the files (certificate PDFs, invoices, receipts) — and e-mailed as a signed link that only
they, logged in, can open until it expires.

One export at a time per person (a database constraint, so two requests at once make one),
and one every ``AULA_DATA_EXPORT_INTERVAL_HOURS``. The link and the zip live
``AULA_DATA_EXPORT_LINK_HOURS``; ``remove_expired_exports`` (a django-q2 schedule, migration
``0007``) deletes the zips past it, as opening an expired link does."""

import io
import json
import math
import zipfile
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .exceptions import AccountError
from .models import DataExport
from .personal_data import providers

FORMAT = "aula-personal-data/1"
SIGNING_SALT = "accounts.data_export"


def request_export(user, requested_by=None):
    """Start building ``user``'s export (``requested_by``: an administrator acting on their
    request). Raises ``AccountError`` while one is being prepared or before the interval
    since the last one has passed (unless an administrator asks)."""
    if user.deleted_at is not None:
        raise AccountError(_("This account has been deleted: there is nothing left to export."))
    if DataExport.objects.filter(user=user, status=DataExport.Status.PENDING).exists():
        raise AccountError(_("Your data is already being prepared: the e-mail with the link is on its way."))
    if requested_by is None:
        hours = hours_until_allowed(user)
        if hours:
            raise AccountError(
                _("You asked for your data recently. You can ask again in %(hours)s hours.") % {"hours": hours}
            )
    try:
        with transaction.atomic():
            export = DataExport.objects.create(user=user, requested_by=requested_by)
    except IntegrityError:  # another request of the same person, at the same moment
        raise AccountError(_("Your data is already being prepared: the e-mail with the link is on its way.")) from None
    transaction.on_commit(lambda: _queue_build(export.pk))
    return export


def hours_until_allowed(user):
    interval = timedelta(hours=settings.AULA_DATA_EXPORT_INTERVAL_HOURS)
    last = DataExport.objects.filter(user=user, requested_by=None).exclude(status=DataExport.Status.FAILED).first()
    if last is None or last.created_at + interval <= timezone.now():
        return None
    return max(1, math.ceil((last.created_at + interval - timezone.now()).total_seconds() / 3600))


def _queue_build(export_id):
    from django_q.tasks import async_task

    async_task("accounts.data_export.build_export", export_id, group="accounts")


def personal_data(user):
    """Everything the providers hold about ``user``, as one JSON-serialisable dict."""
    data = {"format": FORMAT, "exported_at": timezone.now()}
    for provider in providers():
        if provider.export is not None:
            data[provider.section] = provider.export(user)
    return data


def personal_files(user):
    for provider in providers():
        if provider.files is not None:
            yield from provider.files(user)


def build_zip(user):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        text = json.dumps(personal_data(user), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
        archive.writestr("personal-data.json", text)
        for name, content in personal_files(user):
            if not isinstance(content, bytes):
                if not content or not content.storage.exists(content.name):
                    continue  # a PDF not rendered yet (or lost): the JSON still lists the record
                with content.open("rb") as stored:
                    content = stored.read()
            archive.writestr(name, content)
    return buffer.getvalue()


def build_export(export_id):
    """The background job: build the zip, store it privately, e-mail the link. A job run
    twice builds once (only a pending export is built); one that fails leaves the export
    "failed" (the person may ask again at once), nothing half-written."""
    export = DataExport.objects.select_related("user").filter(pk=export_id, status=DataExport.Status.PENDING).first()
    if export is None:
        return None
    try:
        content = build_zip(export.user)
    except Exception:
        DataExport.objects.filter(pk=export.pk, status=DataExport.Status.PENDING).update(
            status=DataExport.Status.FAILED
        )
        raise
    with transaction.atomic():
        if not DataExport.objects.select_for_update().filter(pk=export.pk, status=DataExport.Status.PENDING).exists():
            return None  # another run of the job finished it meanwhile
        stamp = timezone.now()
        export.file.save(f"{export.user_id}-{stamp:%Y%m%d%H%M%S}.zip", ContentFile(content), save=False)
        export.status = DataExport.Status.READY
        export.ready_at = stamp
        export.expires_at = stamp + timedelta(hours=settings.AULA_DATA_EXPORT_LINK_HOURS)
        export.save()
        _tell_ready(export)
    return export.pk


def _tell_ready(export):
    from notifications.sending import notify

    notify(
        export.user,
        "accounts.data_export",
        context={"export": export, "hours": settings.AULA_DATA_EXPORT_LINK_HOURS},
        url=download_path(export),
        key=f"accounts.data_export:{export.pk}",
    )


def download_path(export):
    token = signing.dumps(export.pk, salt=SIGNING_SALT)
    return reverse("accounts_data_export_download", args=[token])


def export_for_download(token, user):
    """The export a link names, for ``user``; raises ``AccountError`` for a link that is
    damaged, someone else's, expired or already removed (an expired one is removed now)."""
    max_age = timedelta(hours=settings.AULA_DATA_EXPORT_LINK_HOURS)
    try:
        export_id = signing.loads(token, salt=SIGNING_SALT, max_age=max_age)
    except signing.SignatureExpired:
        export_id = signing.loads(token, salt=SIGNING_SALT)
        _expire(DataExport.objects.filter(pk=export_id).first())
        raise AccountError(_("This link has expired. Ask for your data again from your profile.")) from None
    except signing.BadSignature:
        raise AccountError(_("This link is not valid. Use the link from the e-mail as it is.")) from None
    export = DataExport.objects.filter(pk=export_id).first()
    if export is None or export.user_id != user.pk:
        raise AccountError(_("This export belongs to another account. Log in as its holder to download it."))
    if export.status == DataExport.Status.READY and export.expires_at <= timezone.now():
        _expire(export)
    if export.status != DataExport.Status.READY:
        raise AccountError(_("This link has expired. Ask for your data again from your profile."))
    return export


def _expire(export):
    if export is None or export.status == DataExport.Status.EXPIRED:
        return
    if export.file:
        export.file.delete(save=False)
    export.status = DataExport.Status.EXPIRED
    export.save(update_fields=["file", "status"])


def remove_expired_exports():
    """The schedule: delete the zips whose links have expired. Returns how many."""
    expired = DataExport.objects.filter(status=DataExport.Status.READY, expires_at__lte=timezone.now())
    count = 0
    for export in expired:
        _expire(export)
        count += 1
    return count


def remove_exports(user):
    """At deletion: the person's exports and their zips."""
    for export in DataExport.objects.filter(user=user):
        if export.file:
            export.file.delete(save=False)
    DataExport.objects.filter(user=user).delete()


def download_name(export):
    return f"aula-data-{export.ready_at:%Y-%m-%d}.zip"
