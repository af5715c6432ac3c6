"""``manage.py import_course <archive> --user EMAIL``: a course archive made into a new draft
course, submitted for review (docs/operators/course-archives.md). Nothing is kept when the
archive is refused."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from courses.archive.format import ArchiveError
from courses.archive.importing import import_course


class Command(BaseCommand):
    help = "Import a course archive as a new draft course (owned by --user), submitted for review."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .zip archive made by export_course or the admin's Export.")
        parser.add_argument("--user", required=True, help="The e-mail of the administrator or instructor who owns it.")

    def handle(self, archive, user, **options):
        owner = get_user_model().objects.filter(email__iexact=user).first()
        if owner is None:
            raise CommandError(f"No user with the e-mail “{user}”.")
        try:
            result = import_course(archive, owner)
        except ArchiveError as error:
            raise CommandError(str(error.message)) from None
        except FileNotFoundError:
            raise CommandError(f"No file “{archive}”.") from None
        state = "submitted for review" if result.submitted else "a draft"
        self.stdout.write(f"Imported “{result.course.title}” (page {result.course.pk}), {state}.")
        for note in result.notes:
            self.stdout.write(f"- {note}")
