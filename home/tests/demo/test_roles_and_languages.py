from io import StringIO

from django.apps import apps
from django.core.management import call_command


def counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models() if not model._meta.proxy}


def test_seed_demo_creates_every_role_and_four_languages():
    from django.contrib.auth import get_user_model
    from wagtail.models import Locale

    from home.models import HomePage

    users = get_user_model().objects
    assert users.get(email="admin@aula.test").is_superuser
    for email, group in [
        ("instructor@aula.test", "Instructors"),
        ("moderator@aula.test", "Moderators"),
        ("editor@aula.test", "Editors"),
        ("translator@aula.test", "Translators"),
    ]:
        assert users.get(email=email).groups.filter(name=group).exists()
    assert users.get(email="student@aula.test").groups.count() == 0
    assert set(Locale.objects.values_list("language_code", flat=True)) >= {"en", "es", "pt-br", "fr"}
    assert HomePage.objects.live().count() == 4


def test_seed_demo_twice_changes_nothing():
    before = counts()
    call_command("seed_demo", stdout=StringIO())
    assert counts() == before
