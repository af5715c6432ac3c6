"""Courses listening to accounts: a pending invitation (bulk enrollment) enrolls its
address's holder once the address is confirmed, or at their next login."""

from allauth.account.signals import email_confirmed
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .learning.invitations import accept_invitations


@receiver(email_confirmed, dispatch_uid="courses-invitations-on-confirmation")
def accept_on_confirmation(request, email_address, **kwargs):
    if email_address.user_id:
        accept_invitations(email_address.user)


@receiver(user_logged_in, dispatch_uid="courses-invitations-on-login")
def accept_on_login(sender, request, user, **kwargs):
    accept_invitations(user)
