"""Background jobs (django-q2). ``grade_expired_attempts`` runs every minute (the schedule
is created by migration 0002): timed attempts nobody came back to are graded as of their
deadline."""

from .attempts import close_expired_attempts


def grade_expired_attempts():
    return close_expired_attempts()
