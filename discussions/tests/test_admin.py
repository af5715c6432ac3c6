"""The "Discussions" admin menu: moderators review reported posts, hide them, dismiss reports."""

import pytest
from django.contrib.auth.models import Group, Permission

from discussions.models import Flag, Post

from .factories import FlagFactory, PostFactory

pytestmark = pytest.mark.django_db

POSTS = "/admin/discussions/posts/"
REPORTS = "/admin/discussions/reports/"


@pytest.fixture
def reported(question, other_student, student):
    FlagFactory(post=question, user=other_student, reason="Rude")
    PostFactory(thread=question.thread, author=other_student, body="A calm question")
    return question


def test_moderators_group_has_the_review_permissions():
    moderators = Group.objects.get(name="Moderators")
    codenames = set(
        moderators.permissions.filter(content_type__app_label="discussions").values_list("codename", flat=True)
    )
    assert codenames == {"view_post", "change_post", "view_flag", "delete_flag"}


def test_moderator_sees_posts_with_their_report_count_and_page(client, moderator, reported):
    client.force_login(moderator)
    html = client.get(POSTS).content.decode()
    assert "What is **chlorophyll**?" in html
    assert "A calm question" in html
    assert "Photosynthesis" in html
    assert f'href="{POSTS}edit/{reported.pk}/"' in html
    assert html.index("chlorophyll") < html.index("A calm question")  # reported first, though older


def test_moderator_filters_reported_posts(client, moderator, reported):
    client.force_login(moderator)
    html = client.get(POSTS, {"flagged": "true"}).content.decode()
    assert "What is **chlorophyll**?" in html
    assert "A calm question" not in html
    html = client.get(POSTS, {"hidden": "true"}).content.decode()
    assert "chlorophyll" not in html


def test_moderator_hides_a_post_in_the_admin_but_cannot_change_its_text(client, moderator, reported):
    client.force_login(moderator)
    response = client.post(f"{POSTS}edit/{reported.pk}/", {"hidden": "on", "body": "Rewritten"})
    assert response.status_code == 302
    reported.refresh_from_db()
    assert (reported.hidden, reported.hidden_by, reported.body) == (True, moderator, "What is **chlorophyll**?")


def test_nobody_creates_posts_in_the_admin(client, moderator, django_user_model):
    client.force_login(moderator)
    assert client.get(f"{POSTS}new/").status_code in (302, 403)
    admin = django_user_model.objects.create_superuser("root@example.com", "a-Strong-pass-2026")
    client.force_login(admin)
    assert client.get(f"{POSTS}new/").status_code in (302, 403)
    assert not Post.objects.exists()


def test_moderator_reads_and_dismisses_reports(client, moderator, reported):
    client.force_login(moderator)
    html = client.get(REPORTS).content.decode()
    assert "Rude" in html and "Otto Other" in html
    assert f'href="{POSTS}edit/{reported.pk}/"' in html  # straight to hiding it
    flag = Flag.objects.get()
    assert client.post(f"{REPORTS}delete/{flag.pk}/").status_code == 302
    assert not Flag.objects.exists()


def test_students_never_enter_the_review_screens(client, student, reported):
    client.force_login(student)
    assert client.get(POSTS).status_code == 302
    assert client.get(REPORTS).status_code == 302


def test_editor_without_the_permissions_is_turned_away(client, user_factory, reported):
    editor = user_factory("editor@example.com", groups=["Editors"])
    client.force_login(editor)
    response = client.get(POSTS)
    assert response.status_code == 302
    assert not Permission.objects.filter(group__name="Editors", content_type__app_label="discussions").exists()
