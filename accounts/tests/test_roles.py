import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission

from accounts.roles import EDITORS, INSTRUCTORS, MODERATORS, STAFF_GROUPS, TRANSLATORS

pytestmark = pytest.mark.django_db


def test_data_migration_creates_the_staff_groups_with_admin_access():
    for name in STAFF_GROUPS:
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists()


def test_editors_can_publish_under_the_home_page():
    codenames = set(
        GroupPagePermission.objects.filter(group__name=EDITORS).values_list("permission__codename", flat=True)
    )
    assert {"add_page", "change_page", "publish_page"} <= codenames


def test_translators_can_submit_translations_but_not_publish():
    group = Group.objects.get(name=TRANSLATORS)
    assert group.permissions.filter(codename="submit_translation").exists()
    codenames = set(GroupPagePermission.objects.filter(group=group).values_list("permission__codename", flat=True))
    assert "publish_page" not in codenames


def test_student_never_enters_the_admin(client, user_factory):
    client.force_login(user_factory(email="student@example.com"))
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    assert response.status_code != 200


@pytest.mark.parametrize("role", [INSTRUCTORS, MODERATORS, EDITORS, TRANSLATORS])
def test_each_staff_role_enters_the_admin(client, user_factory, role):
    client.force_login(user_factory(email="staff@example.com", groups=[role]))
    assert client.get("/admin/").status_code == 200


def test_editor_can_edit_the_home_page_in_the_admin(client, user_factory):
    from home.models import HomePage

    client.force_login(user_factory(email="editor@example.com", groups=[EDITORS]))
    home = HomePage.objects.get(locale__language_code="en")
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code == 200


def test_admin_user_form_has_display_name(admin_client):
    response = admin_client.get("/admin/users/new/")
    assert response.status_code == 200
    assert 'name="display_name"' in response.content.decode()
