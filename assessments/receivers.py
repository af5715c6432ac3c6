"""Keep evaluation windows (availability.py) in step with published resources: publish,
unpublish, delete, and moves (a resource or section moved to another course)."""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from courses.models import ResourcePage, SectionPage

from .availability import sync_window
from .models import EvaluationWindow


def resync_window(sender, instance, **kwargs):
    sync_window(instance.translation_key)


def resync_moved(sender, instance, **kwargs):
    if not issubclass(sender, (ResourcePage, SectionPage)):
        return
    keys = ResourcePage.objects.descendant_of(instance, inclusive=True).values_list("translation_key", flat=True)
    for key in EvaluationWindow.objects.filter(resource_key__in=list(keys)).values_list("resource_key", flat=True):
        sync_window(key)


def connect():

    page_published.connect(resync_window, sender=ResourcePage, dispatch_uid="assessments.window.published")
    page_unpublished.connect(resync_window, sender=ResourcePage, dispatch_uid="assessments.window.unpublished")
    post_delete.connect(resync_window, sender=ResourcePage, dispatch_uid="assessments.window.deleted")
    post_page_move.connect(resync_moved, dispatch_uid="assessments.window.moved")
