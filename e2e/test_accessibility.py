"""axe-core (shipped by axe-playwright-python) finds no serious or critical violation."""

import pytest

from e2e.axe import serious_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAGES = ["/en/", "/en/accounts/login/", "/en/accounts/signup/", "/es/", "/es/accounts/signup/"]


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(page, live_url, path):
    page.goto(live_url + path)
    assert serious_violations(page) == []


@pytest.mark.parametrize("theme", ["aula", "night", "ocean", "contrast"])
def test_every_theme_passes_colour_contrast(page, live_url, theme):
    from home.models import HomePage, SiteSettings

    home = HomePage.objects.get(locale__language_code="en")
    SiteSettings.objects.update_or_create(site=home.get_site(), defaults={"theme": theme})
    page.goto(live_url + "/en/accounts/signup/")
    assert page.locator("html").get_attribute("data-theme") == theme
    assert serious_violations(page) == []
