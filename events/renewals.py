"""What the events app's changes renew in the shared cache (``caching.registry``).

A master class is one scope in every language (``master_class:<translation_key>``): its
pages (seats left, the state shown to anonymous visitors). ``EVENTS`` is the lists of
upcoming classes (the index pages, the home block): renewed by publishing, unpublishing or
saving a class, and by time (``reminders.send_due`` renews it as classes start and end).
A registration renews its class (seats left) and its user's personal cache. Marking
attendance at a live session completes the resource through courses (which renews the
student's scope); the attendance itself is the student's own fact too.
"""

from caching import registry, scopes

from .models import LiveSessionAttendance, MasterClassIndexPage, MasterClassPage, Registration

EVENTS = "events"


def master_class_scope(key):
    return f"master_class:{key}"


def _page_depends_on(page):
    if isinstance(page, MasterClassPage):
        return [master_class_scope(page.translation_key), EVENTS]
    if isinstance(page, MasterClassIndexPage):
        return [EVENTS]
    return None


def _page_change_renews(page):
    if isinstance(page, MasterClassPage):
        return [master_class_scope(page.translation_key), EVENTS]
    if isinstance(page, MasterClassIndexPage):
        return [EVENTS]
    return None


registry.page_scopes(_page_depends_on, _page_change_renews)
registry.renews(MasterClassPage, lambda page: [master_class_scope(page.translation_key), EVENTS])
registry.renews(
    Registration,
    lambda registration: [master_class_scope(registration.master_class_key), scopes.user(registration.user_id)],
)
registry.renews(LiveSessionAttendance, lambda attendance: [scopes.user(attendance.user_id)])
registry.read_with_user(EVENTS)  # the dashboard's "Coming up", on every signed-in dashboard
