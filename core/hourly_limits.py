"""A per-person hourly limit on writing (discussion posts, private messages): at most
``limit`` in any hour, counted from the writer's own recent rows."""

from datetime import timedelta

from django.utils import timezone


def minutes_until_allowed(recent_times, limit):
    """``recent_times``: when the writer's newest rows of the last hour were written, newest
    first, at most ``limit`` of them. None while fewer than ``limit``; otherwise the whole
    minutes until the oldest of them leaves the hour (at least 1)."""
    if not limit or len(recent_times) < limit:
        return None
    opens_at = recent_times[limit - 1] + timedelta(hours=1)
    return max(1, -(-int((opens_at - timezone.now()).total_seconds()) // 60))


def hour_ago():
    return timezone.now() - timedelta(hours=1)
