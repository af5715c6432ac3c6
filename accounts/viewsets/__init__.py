"""People in the Wagtail admin: Wagtail's user viewset with Aula's list (display name,
e-mail, roles, joined, last login), forms that never require names sign-up does not ask
for, and each user's learner page (``learner.py``)."""

from .users import UserViewSet

__all__ = ["UserViewSet"]
