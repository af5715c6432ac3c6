"""A page's policy may hold some users' posts for a moderator's approval (``hold_posts``):
seen only by their author and the moderators until approved; nobody is told before."""

import pytest

from discussions import services
from discussions.models import Post
from discussions.policy import DiscussionPermissions

from .conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def holding(policy, monkeypatch):
    """The test policy, holding its members' posts."""
    permissions = policy.permissions

    def held(user):
        granted = permissions(user)
        if granted.can_post and not granted.can_moderate:
            return DiscussionPermissions(can_read=True, can_post=True, hold_posts=True)
        return granted

    monkeypatch.setattr(policy, "permissions", held)
    return policy


def test_a_held_question_is_seen_by_its_author_and_moderators_only(client, lesson, holding, student, moderator):
    holding.members.add(student.pk)
    login(client, student).post(f"/en/discussions/{lesson.pk}/post/", {"body": "Held for now"})
    held = Post.objects.get()
    assert held.held
    assert "Held for now" in client.get(lesson.url).content.decode()
    client.logout()
    assert "Held for now" not in client.get(lesson.url).content.decode()
    assert "Held for now" in login(client, moderator).get(lesson.url).content.decode()
    services.approve_post(held, moderator)
    client.logout()
    assert "Held for now" in client.get(lesson.url).content.decode()


def test_nobody_is_told_of_a_held_question_until_it_is_approved(
    client, lesson, holding, student, instructor, moderator, mailoutbox, each_request_commits
):
    holding.members.add(student.pk)
    holding.staff.add(instructor.pk)
    login(client, student).post(f"/en/discussions/{lesson.pk}/post/", {"body": "Quiet question"})
    assert mailoutbox == []
    login(client, moderator).post(f"/en/discussions/post/{Post.objects.get().pk}/approve/")
    assert [email.to for email in mailoutbox] == [[instructor.email]]


def test_the_admin_approves_by_unticking_awaiting_approval(client, lesson, holding, student, admin_user):
    holding.members.add(student.pk)
    held = services.post_question(lesson, student, "From the admin")
    client.force_login(admin_user)
    response = client.post(f"/admin/discussions/posts/edit/{held.pk}/", {"hidden": ""})
    assert response.status_code == 302
    held.refresh_from_db()
    assert not held.held and held.approved_by == admin_user
