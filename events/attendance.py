"""Who attended a master class: marked by its instructors (or editors) in the admin, one
by one or from a list of e-mail addresses; each attendee gets an attendance certificate
(``certificates.issuing.issue_attendance_certificate``: its own template, verifiable like
a course's). Only people holding a seat can be marked; unmarking takes the mark back (a
certificate issued stays, as a course's does; staff revoke it in the certificates admin)."""

import csv
import io
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from .models import Registration

Status = Registration.Status
MAX_IMPORT_BYTES = 1024 * 1024


def registrations_of(master_class):
    """Everyone holding a seat (attended or not), by name."""
    return list(
        Registration.objects.filter(master_class_key=master_class.translation_key)
        .holding_seats()
        .select_related("user")
        .order_by("user__email")
    )


def mark(master_class, attended_ids):
    """Mark exactly the registrations ``attended_ids`` (of this class) as attended, the
    others as registered. Returns ``(marked, unmarked)`` counts; issues certificates to those
    newly marked once the transaction commits."""
    rows = {row.pk: row for row in registrations_of(master_class)}
    wanted = {int(pk) for pk in attended_ids if str(pk).isdigit() and int(pk) in rows}
    newly = [row for pk, row in rows.items() if pk in wanted and row.status != Status.ATTENDED]
    dropped = [row for pk, row in rows.items() if pk not in wanted and row.status == Status.ATTENDED]
    with transaction.atomic():
        for row in newly:
            row.status = Status.ATTENDED
            row.save(update_fields=["status", "updated_at"])
        for row in dropped:
            row.status = Status.REGISTERED
            row.save(update_fields=["status", "updated_at"])
        users = [row.user for row in newly]
        transaction.on_commit(lambda: issue_certificates(master_class, users))
    return len(newly), len(dropped)


def issue_certificates(master_class, users):
    from certificates.issuing import issue_attendance_certificate

    return [issue_attendance_certificate(user, master_class) for user in users]


@dataclass
class ImportLine:
    number: int
    email: str
    outcome: str  # marked | already | unknown | invalid
    message: str


def import_emails(master_class, uploaded):
    """Mark as attended the people whose e-mail addresses a CSV (or plain list) names, one
    per line (the first column; a header line "email" is skipped). Returns one ImportLine
    per non-empty line; an address without a seat changes nothing."""
    data = uploaded.read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        return [ImportLine(0, "", "invalid", _("The file is larger than 1 MB."))]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [ImportLine(0, "", "invalid", _("The file is not UTF-8 text."))]
    rows = {row.user.email.lower(): row for row in registrations_of(master_class)}
    report, to_mark = [], set()
    for number, fields in enumerate(csv.reader(io.StringIO(text)), start=1):
        email = (fields[0] if fields else "").strip()
        if not email or (number == 1 and email.lower() in ("email", "e-mail")):
            continue
        row = rows.get(email.lower())
        if "@" not in email:
            report.append(ImportLine(number, email, "invalid", _("Not an e-mail address.")))
        elif row is None:
            report.append(ImportLine(number, email, "unknown", _("Nobody with this address holds a seat.")))
        elif row.status == Status.ATTENDED or row.pk in to_mark:
            report.append(ImportLine(number, email, "already", _("Marked already.")))
        else:
            to_mark.add(row.pk)
            report.append(ImportLine(number, email, "marked", _("Marked as attended.")))
    if to_mark:
        already = {row.pk for row in rows.values() if row.status == Status.ATTENDED}
        mark(master_class, already | to_mark)
    return report
