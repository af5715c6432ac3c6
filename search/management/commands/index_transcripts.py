from django.core.management.base import BaseCommand

from search.transcripts import index_all_transcripts


class Command(BaseCommand):
    help = "Rebuild the transcript cues of every live resource (the site search's spoken words)."

    def handle(self, *args, **options):
        count = index_all_transcripts()
        self.stdout.write(f"{count} transcript cues indexed.")
