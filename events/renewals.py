"""What the events app's changes renew in the shared cache (``caching.registry``): marking
attendance completes the resource through courses (which renews the student's scope);
the attendance itself is the student's own fact too."""

from caching import registry, scopes

from .models import LiveSessionAttendance

registry.renews(LiveSessionAttendance, lambda attendance: [scopes.user(attendance.user_id)])
