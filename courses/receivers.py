"""Courses listening to accounts: a pending invitation (bulk enrollment) enrolls its
address's holder once the address is confirmed, or at their next login. To its own media: a
media item's new file re-measures the resources that play it (duration.py). And to Wagtail: a
published resource's slide decks get their PDFs made in the background."""

from allauth.account.signals import email_confirmed
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from .duration import remeasure_resources
from .learning.invitations import accept_invitations
from .models import CourseMedia, ResourcePage


@receiver(email_confirmed, dispatch_uid="courses-invitations-on-confirmation")
def accept_on_confirmation(request, email_address, **kwargs):
    if email_address.user_id:
        accept_invitations(email_address.user)


@receiver(user_logged_in, dispatch_uid="courses-invitations-on-login")
def accept_on_login(sender, request, user, **kwargs):
    accept_invitations(user)


@receiver(post_save, sender=CourseMedia, dispatch_uid="courses-remeasure-resources")
def remeasure_on_media_change(sender, instance, created, **kwargs):
    if not created:  # a new media item plays in no resource yet
        remeasure_resources(instance)


@receiver(page_published, sender=ResourcePage, dispatch_uid="courses-slide-deck-pdfs")
def make_slide_deck_pdfs(sender, instance, **kwargs):
    from .slide_decks import queue_deck_pdfs

    queue_deck_pdfs(instance)
