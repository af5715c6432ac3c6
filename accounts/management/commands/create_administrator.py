"""``manage.py create_administrator --email …``: a superuser who can log in at once.

The password comes from the ``AULA_ADMIN_PASSWORD`` environment variable, or is asked for
twice when the command runs in a terminal. See ``accounts/administrators.py``.
"""

import getpass
import os
import sys

from django.core.management.base import BaseCommand, CommandError

from accounts.administrators import create_administrator
from accounts.exceptions import AccountError

PASSWORD_VARIABLE = "AULA_ADMIN_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create a superuser whose e-mail address is already verified, so they can log in "
        f"without a confirmation e-mail. Password: ${PASSWORD_VARIABLE}, or asked for."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="The administrator's e-mail address (their login).")

    def handle(self, *args, email, **options):
        try:
            user = create_administrator(email, self.password())
        except AccountError as refusal:
            raise CommandError(refusal.message) from None
        self.stdout.write(self.style.SUCCESS(f"Administrator {user.email} created; they can log in now."))

    def password(self):
        password = os.environ.get(PASSWORD_VARIABLE)
        if password is not None:
            return password
        if not sys.stdin.isatty():
            raise CommandError(
                f"Give the password in the {PASSWORD_VARIABLE} environment variable, "
                "or run the command in a terminal to be asked for it."
            )
        password = getpass.getpass("Password: ")
        if getpass.getpass("Password (again): ") != password:
            raise CommandError("The two passwords do not match; nothing was created.")
        return password
