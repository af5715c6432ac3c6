"""Every e-mail Aula sends goes through ``notifications``: no module outside it sends mail
itself. The test reads the source of every app (tests aside) for the ways Django sends mail
and names the places it finds."""

import re
from pathlib import Path

from django.conf import settings

from notifications import kinds

ROOT = Path(settings.BASE_DIR)
SKIP = {"notifications", ".venv", "node_modules", "e2e", "failure", "bench", "locale", "docs"}
# Django's ways of sending mail, and a message object sent by hand.
SENDING = re.compile(
    r"(?<!def )\b(send_mail|send_mass_mail|mail_admins|mail_managers|get_connection|send_messages)\s*\("
    r"|\b(EmailMessage|EmailMultiAlternatives)\s*\("
    r"|\b(message|email|mail|msg)\.send\s*\("
)


def python_sources():
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if parts[0] in SKIP or parts[0].startswith(".") or "tests" in parts or "migrations" in parts:
            continue
        yield path


def test_no_module_outside_notifications_sends_mail():
    found = []
    for path in python_sources():
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if SENDING.search(line) and not line.lstrip().startswith("#"):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == [], "Send these through notifications.sending.notify():\n" + "\n".join(found)


def test_the_check_finds_a_module_that_sends_mail(tmp_path):
    """The pattern above does catch the usual ways (a test that cannot fail is a defect)."""
    for line in (
        "send_mail(subject, body, None, [user.email])",
        "EmailMessage(subject, body, to=[address]).send()",
        "message.send()",
        "mail_admins('x', 'y')",
    ):
        assert SENDING.search(line), line
    assert not SENDING.search("def send_mail(self, template_prefix, email, context):")


def test_every_app_that_sent_mail_declares_its_kinds():
    names = {kind.name for kind in kinds.all_kinds()}
    assert {
        "accounts.account",
        "assessments.graded",
        "assessments.extra_attempt",
        "certificates.ready",
        "certificates.revoked",
        "commerce.receipt",
        "discussions.question",
        "notifications.review_submitted",
        "notifications.review_approved",
        "notifications.review_rejected",
        "notifications.page_comments",
    } <= names


def test_every_kind_is_in_the_documentation():
    documented = (ROOT / "docs" / "features" / "notifications.md").read_text()
    missing = [kind.name for kind in kinds.all_kinds() if f"`{kind.name}`" not in documented]
    assert missing == []


def test_every_kind_has_its_templates_or_renders_its_own_text():
    from django.template.loader import get_template

    for kind in kinds.all_kinds():
        if kind.renders_itself:
            continue
        parts = ["subject", "body"] + (["digest_subject", "digest_body"] if kind.digest else [])
        for part in parts:
            get_template(kind.template(part))
