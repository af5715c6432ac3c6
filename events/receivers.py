"""Keep live sessions (live_sessions.py) in step with published resources: publish,
unpublish, delete, and moves (a resource or section moved to another course)."""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from courses.models import ResourcePage, SectionPage

from .live_sessions import sync_live_session
from .models import LiveSession


def resync_live_session(sender, instance, **kwargs):
    sync_live_session(instance.translation_key)


def resync_moved(sender, instance, **kwargs):
    if not issubclass(sender, (ResourcePage, SectionPage)):
        return
    keys = ResourcePage.objects.descendant_of(instance, inclusive=True).values_list("translation_key", flat=True)
    for key in LiveSession.objects.filter(resource_key__in=list(keys)).values_list("resource_key", flat=True):
        sync_live_session(key)


def connect():
    page_published.connect(resync_live_session, sender=ResourcePage, dispatch_uid="events.live.published")
    page_unpublished.connect(resync_live_session, sender=ResourcePage, dispatch_uid="events.live.unpublished")
    post_delete.connect(resync_live_session, sender=ResourcePage, dispatch_uid="events.live.deleted")
    post_page_move.connect(resync_moved, dispatch_uid="events.live.moved")
