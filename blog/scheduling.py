"""Wagtail's scheduled publishing, run by the background worker: every minute a django-q2
schedule (migration ``blog/0003``) publishes what is due (a post with a *Go-live date*) and
unpublishes what expired — for every page type, through Wagtail's own command."""

from django.core.management import call_command


def publish_scheduled():
    call_command("publish_scheduled")
