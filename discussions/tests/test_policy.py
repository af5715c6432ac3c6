"""The opt-in protocol: a page answers discussion_permissions(user)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from discussions.policy import DENIED, DiscussionPermissions, is_site_moderator, permissions_for, recipients_for
from home.models import StandardPage

pytestmark = pytest.mark.django_db


def test_page_without_the_protocol_gets_everything_denied(plain_page, student):
    assert permissions_for(plain_page, student) == DENIED
    assert not (DENIED.can_read or DENIED.can_post or DENIED.can_moderate)
    assert recipients_for(plain_page) == []
    assert permissions_for(None, student) == DENIED


def test_page_policy_decides(lesson, student, outsider, instructor):
    assert permissions_for(lesson, student) == DiscussionPermissions(can_read=True, can_post=True)
    assert permissions_for(lesson, outsider).reason == "Enroll in this course to join the discussion."
    assert permissions_for(lesson, AnonymousUser()).can_post is False
    assert permissions_for(lesson, instructor).can_moderate
    assert recipients_for(lesson) == [instructor]


def test_policy_must_return_discussion_permissions(lesson, student, monkeypatch):
    monkeypatch.setattr(StandardPage, "discussion_permissions", lambda page, user: True, raising=False)
    with pytest.raises(TypeError):
        permissions_for(lesson, student)


def test_permissions_are_immutable():
    with pytest.raises(AttributeError):
        DENIED.can_post = True


def test_site_moderators_are_superusers_and_the_moderators_group(moderator, student, django_user_model):
    admin = django_user_model.objects.create_superuser("root@example.com", "a-Strong-pass-2026")
    assert is_site_moderator(moderator) and is_site_moderator(admin)
    assert not is_site_moderator(student)
    assert not is_site_moderator(AnonymousUser())
