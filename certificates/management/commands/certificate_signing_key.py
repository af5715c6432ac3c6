"""Print a new Ed25519 private key (PEM) for CERTIFICATE_SIGNING_KEY."""

from django.core.management.base import BaseCommand

from certificates.credentials import new_private_key_pem


class Command(BaseCommand):
    help = "Print a new Ed25519 signing key for certificate credentials (set it as CERTIFICATE_SIGNING_KEY)."

    def handle(self, *args, **options):
        pem = new_private_key_pem().strip()
        self.stdout.write(pem)
        self.stderr.write("The same on one line, for an environment file:")
        self.stderr.write("CERTIFICATE_SIGNING_KEY=" + pem.replace("\n", "\\n"))
