"""Courses listening to accounts: a pending invitation (bulk enrollment) enrolls its
address's holder once the address is confirmed, or at their next login. And to Wagtail: a
published resource's slide decks get their PDFs made in the background."""

from allauth.account.signals import email_confirmed
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from wagtail.signals import page_published

from .learning.invitations import accept_invitations
from .models import ResourcePage


@receiver(email_confirmed, dispatch_uid="courses-invitations-on-confirmation")
def accept_on_confirmation(request, email_address, **kwargs):
    if email_address.user_id:
        accept_invitations(email_address.user)


@receiver(user_logged_in, dispatch_uid="courses-invitations-on-login")
def accept_on_login(sender, request, user, **kwargs):
    accept_invitations(user)


@receiver(page_published, sender=ResourcePage, dispatch_uid="courses-slide-deck-pdfs")
def make_slide_deck_pdfs(sender, instance, **kwargs):
    from .slide_decks import queue_deck_pdfs

    queue_deck_pdfs(instance)
