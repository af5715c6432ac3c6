from pathlib import Path

import pytest

from home.models import HomePage, SiteSettings
from home.themes import THEMES

pytestmark = pytest.mark.django_db


def test_there_are_at_least_four_themes_and_one_is_dark():
    from home.themes import BOOTSTRAP_COLOR_MODE

    assert len(THEMES) >= 4
    assert "dark" in BOOTSTRAP_COLOR_MODE.values()


def test_site_setting_chooses_the_theme(client):
    home = HomePage.objects.get()
    settings = SiteSettings.for_site(home.get_site())
    settings.theme = "night"
    settings.save()
    html = client.get("/en/").content.decode()
    assert 'data-theme="night" data-bs-theme="dark"' in html


def test_every_theme_is_defined_in_the_stylesheet():
    from django.contrib.staticfiles import finders

    css = Path(finders.find("css/aula.css")).read_text()
    for key, _label in THEMES:
        assert f'[data-theme="{key}"]' in css


@pytest.mark.parametrize("key", [key for key, _ in THEMES])
def test_each_theme_has_a_preview_mode_in_the_editor(key):
    home = HomePage.objects.get()
    assert f"theme-{key}" in [mode for mode, _ in home.preview_modes]
    # What Wagtail's preview panel calls to render the chosen mode.
    response = home.make_preview_request(None, f"theme-{key}")
    assert f'data-theme="{key}"'.encode() in response.content


def test_unknown_theme_falls_back_to_default(client):
    home = HomePage.objects.get()
    SiteSettings.objects.filter(site=home.get_site()).update(theme="does-not-exist")
    html = client.get("/en/").content.decode()
    assert 'data-theme="aula"' in html


def test_site_settings_admin_offers_the_themes(admin_client):
    home = HomePage.objects.get()
    response = admin_client.get(f"/admin/settings/home/sitesettings/{home.get_site().pk}/")
    assert response.status_code == 200
    for key, _label in THEMES:
        assert f'value="{key}"' in response.content.decode()
