"""Keep transcript cues in step with what is published (connected in SearchConfig.ready)."""

from django.db.models.signals import post_save
from wagtail.signals import page_published, page_unpublished

from .transcripts import resources_using_track, schedule_resource_transcripts


def resource_changed(sender, instance, **kwargs):
    schedule_resource_transcripts(instance.pk)


def caption_track_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    for resource_id in resources_using_track(instance):
        schedule_resource_transcripts(resource_id)


def connect():
    from courses.models import CaptionTrack, ResourcePage

    page_published.connect(resource_changed, sender=ResourcePage, dispatch_uid="search-resource-published")
    page_unpublished.connect(resource_changed, sender=ResourcePage, dispatch_uid="search-resource-unpublished")
    post_save.connect(caption_track_saved, sender=CaptionTrack, dispatch_uid="search-caption-track-saved")
