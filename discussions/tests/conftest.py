"""A StandardPage opts in to discussions for the length of a test (monkeypatched class
methods: production models stay untouched). Its policy, like a course's: everyone reads,
``policy.members`` post, ``policy.staff`` (and site moderators) moderate and are told
about new questions."""

from pathlib import Path

import pytest

from discussions.policy import DiscussionPermissions, is_site_moderator
from home.models import HomePage, StandardPage

from .factories import PostFactory, StandardPageFactory, ThreadFactory, UserFactory

TEST_TEMPLATES = Path(__file__).parent / "templates"


class Policy:
    def __init__(self):
        self.members = set()
        self.staff = set()

    def permissions(self, user):
        if is_site_moderator(user) or user.pk in self.staff:
            return DiscussionPermissions(can_read=True, can_post=True, can_moderate=True)
        if not user.is_authenticated:
            return DiscussionPermissions(can_read=True, reason="Log in to join the discussion.")
        if user.pk in self.members:
            return DiscussionPermissions(can_read=True, can_post=True)
        return DiscussionPermissions(can_read=True, reason="Enroll in this course to join the discussion.")


@pytest.fixture
def policy(monkeypatch):
    from django.contrib.auth import get_user_model

    rules = Policy()
    monkeypatch.setattr(
        StandardPage, "discussion_permissions", lambda page, user: rules.permissions(user), raising=False
    )
    monkeypatch.setattr(
        StandardPage,
        "discussion_recipients",
        lambda page: get_user_model().objects.filter(pk__in=rules.staff),
        raising=False,
    )
    return rules


@pytest.fixture
def lesson(db, policy, settings, monkeypatch):
    """A published page with a discussion, rendered by a template that shows it."""
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEST_TEMPLATES]}]
    monkeypatch.setattr(StandardPage, "template", "discussions_test/page.html")
    home = HomePage.objects.get(locale__language_code="en")
    return StandardPageFactory(parent=home, title="Photosynthesis", slug="photosynthesis")


@pytest.fixture
def plain_page(db):
    """A page that does not opt in (the policy fixture opts StandardPage in, not HomePage)."""
    return HomePage.objects.get(locale__language_code="en")


@pytest.fixture
def student(db, policy):
    user = UserFactory(display_name="Stu Dent")
    policy.members.add(user.pk)
    return user


@pytest.fixture
def other_student(db, policy):
    user = UserFactory(display_name="Otto Other")
    policy.members.add(user.pk)
    return user


@pytest.fixture
def outsider(db):
    return UserFactory(display_name="Out Sider")


@pytest.fixture
def instructor(db, policy):
    user = UserFactory(display_name="Ines Instructor", email="ines@example.com")
    policy.staff.add(user.pk)
    return user


@pytest.fixture
def moderator(db):
    from django.contrib.auth.models import Group

    user = UserFactory(display_name="Mo Derator")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def question(lesson, student):
    return PostFactory(thread=ThreadFactory(page=lesson), author=student, body="What is **chlorophyll**?")


def login(client, user):
    client.force_login(user)
    return client
