"""The transcript job may run again (the queue hands a job out again when its worker died
before saving the result, see the settings): its cues are replaced, never doubled."""

import pytest
from django_q.tasks import async_task

from search.models import TranscriptCue

from .conftest import result_for, search


@pytest.mark.django_db
def test_indexing_a_resource_again_leaves_each_cue_once(client, botany):
    resource = botany["preview"]
    before = list(TranscriptCue.objects.filter(resource=resource).values_list("track", "position", "start", "text"))
    async_task("search.transcripts.index_resource_transcripts", resource.pk, sync=True)
    async_task("search.transcripts.index_resource_transcripts", resource.pk, sync=True)
    after = TranscriptCue.objects.filter(resource=resource).values_list("track", "position", "start", "text")
    assert sorted(after) == sorted(before) and before
    lines = result_for(search(client, "chlorophyll"), resource).lines
    assert [line.url.split("&track=")[0] for line in lines] == [resource.url + "?t=83"]
