"""``manage.py export_course <course id or slug> [-o FILE]``: a course's archive, for
operators moving a course to another Aula site (docs/operators/course-archives.md)."""

from django.core.management.base import BaseCommand, CommandError

from courses.archive.exporting import archive_filename, prepare_export, write_archive
from courses.archive.format import ArchiveError
from courses.models import CoursePage


class Command(BaseCommand):
    help = "Export a course (pages, blocks, files, evaluations with keys, translations) as one zip archive."

    def add_arguments(self, parser):
        parser.add_argument("course", help="The course's page id, or its slug in the default language.")
        parser.add_argument("-o", "--output", help="The archive to write (default: <slug>-<date>.aula-course.zip).")

    def handle(self, course, output=None, **options):
        from wagtail.models import Locale

        found = CoursePage.objects.filter(pk=int(course)) if course.isdigit() else CoursePage.objects.none()
        found = found or CoursePage.objects.filter(slug=course, locale=Locale.get_default())
        page = found.first()
        if page is None:
            raise CommandError(f"No course with the id or slug “{course}”.")
        if page.locale_id != Locale.get_default().pk and page.get_translation_or_none(Locale.get_default()):
            page = page.get_translation(Locale.get_default())  # the source: translations come with it
        path = output or archive_filename(page)
        try:
            prepared = prepare_export(page)
        except ArchiveError as error:
            raise CommandError(str(error.message)) from None
        with open(path, "wb") as handle:
            size = write_archive(page, handle, prepared)
        self.stdout.write(f"Exported “{page.title}” to {path} ({size} bytes).")
