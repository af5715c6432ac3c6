import pytest

from home.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["en", "es", "pt-br", "fr"])
def test_home_page_is_served_in_four_languages(client, locales, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    assert f'<html lang="{code}"' in response.content.decode()


def test_switcher_lands_on_the_translation_of_the_current_page(client, locales):
    about = StandardPage(title="About", slug="about")
    locales["en"].add_child(instance=about)
    about.save_revision().publish()
    spanish = about.copy_for_translation(locales["es"].locale)
    spanish.title = "Acerca de"
    spanish.save_revision().publish()
    html = client.get("/en/about/").content.decode()
    assert 'href="/es/about/" hreflang="es"' in html
    # No French translation: the same page in French, which shows it as authored, with a notice.
    assert 'href="/fr/about/" hreflang="fr"' in html


def test_switcher_keeps_the_route_outside_the_page_tree(client, locales):
    html = client.get("/en/accounts/login/").content.decode()
    assert 'href="/fr/accounts/login/" hreflang="fr"' in html
    assert 'href="/pt-br/accounts/login/" hreflang="pt-br"' in html


def test_interface_strings_follow_the_language(client, locales):
    assert "Iniciar sesión" in client.get("/es/accounts/login/").content.decode()
    assert "Se connecter" in client.get("/fr/accounts/login/").content.decode()  # Aula's "Log in"
    assert "Entrar" in client.get("/pt-br/accounts/login/").content.decode()


def test_localize_apps_are_installed():
    from django.conf import settings

    assert "wagtail_localize" in settings.INSTALLED_APPS
    assert "wagtail_localize.locales" in settings.INSTALLED_APPS
    assert settings.WAGTAIL_I18N_ENABLED
