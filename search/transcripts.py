"""Transcript cues for the search: rebuilt from the caption tracks a live resource serves.

``index_resource_transcripts(resource_id)`` is the one place cues are written. It runs in
the background (django-q2, ``schedule_resource_transcripts``) when a resource is published
or unpublished and when a caption track it uses changes; ``manage.py index_transcripts``
rebuilds every resource's cues (after an upgrade, or to change search backends)."""

from django.db import transaction
from wagtail.blocks import StructValue
from wagtail.search.backends import get_search_backends

from caching.registry import renew_rows

from .models import TranscriptCue

BULK_SIZE = 1000


def served_tracks(resource):
    """The caption tracks the players of a resource serve, each once (by URL), as the page
    renders them (``courses.captions.player_tracks``): every track of its video and audio
    blocks, and on a translated page the track in its own language that wagtail-localize's
    cue translations make."""
    from courses.captions import player_tracks

    served = {}
    for block in resource.body:
        value = block.value
        if isinstance(value, StructValue) and "captions" in value:
            for track in player_tracks(value, resource):
                if track.source is not None:
                    served.setdefault(track.url, track)
    return list(served.values())


def index_resource_transcripts(resource_id):
    """Replace the cues of one resource with those of the caption tracks its live version
    serves, in every language it serves them (none when it is not live, or gone). Returns
    the number of cues indexed."""
    from courses.models import ResourcePage

    with transaction.atomic():
        _remove(TranscriptCue.objects.filter(resource_id=resource_id))
        resource = ResourcePage.objects.filter(pk=resource_id, live=True).first()
        if resource is None:
            return 0
        cues = [
            TranscriptCue(
                resource=resource, track=track.source, track_url=track.url, locale_id=resource.locale_id,
                language=track.language, position=position, start=cue["start"], end=cue["end"], text=cue["text"],
            )
            for track in served_tracks(resource)
            for position, cue in enumerate(track.cues or [])
        ]  # fmt: skip
        add_cues(cues)
    return len(cues)


def add_cues(cues):
    """Store and index cues in bulk (renewing what the search keeps: search/renewals.py)."""
    for start in range(0, len(cues), BULK_SIZE):
        chunk = TranscriptCue.objects.bulk_create(cues[start : start + BULK_SIZE])
        for backend in get_search_backends(with_auto_update=False):
            backend.add_bulk(TranscriptCue, chunk)
    renew_rows(TranscriptCue, cues[:1])  # every cue renews the same scope


def _remove(cues):
    cues = list(cues)
    if not cues:
        return
    for backend in get_search_backends(with_auto_update=False):
        if not _remove_from_database_index(backend, cues):
            for cue in cues:
                backend.delete(cue)
    # Nothing refers to a cue: one DELETE, without loading each for its delete signal
    # (search/renewals.py renews on it), renewing once for all.
    rows = TranscriptCue.objects.filter(pk__in=[cue.pk for cue in cues])
    rows._raw_delete(using=rows.db)
    renew_rows(TranscriptCue, cues[:1])


def _remove_from_database_index(backend, cues):
    """The database backends keep their index in one table: one DELETE for all the cues."""
    if not type(backend).__module__.startswith("modelsearch.backends.database"):
        return False
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.models import IndexEntry

    content_type = ContentType.objects.get_for_model(TranscriptCue)
    entries = IndexEntry.objects.filter(content_type=content_type, object_id__in=[str(cue.pk) for cue in cues])
    entries._raw_delete(using=entries.db)  # as the backend's own delete_item does
    return True


def resources_using_track(track):
    """Ids of the resource pages whose content refers to ``track`` (Wagtail's reference index)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex

    from courses.models import ResourcePage

    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        ReferenceIndex.get_references_to(track).filter(base_content_type=page_type).values_list("object_id", flat=True)
    )
    indexed = TranscriptCue.objects.filter(track=track).values_list("resource_id", flat=True)
    return sorted(
        set(ResourcePage.objects.filter(pk__in=[int(i) for i in ids]).values_list("pk", flat=True)) | set(indexed)
    )


def schedule_resource_transcripts(resource_id):
    """Rebuild one resource's cues in the background, once the current transaction commits."""

    def enqueue():
        from django_q.tasks import async_task

        async_task("search.transcripts.index_resource_transcripts", resource_id, group="search")

    transaction.on_commit(enqueue)


def index_all_transcripts():
    from courses.models import ResourcePage

    return sum(index_resource_transcripts(pk) for pk in ResourcePage.objects.values_list("pk", flat=True))
