import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailTestUtils

from home.models import HomePage, SiteSettings, StandardPage

pytestmark = pytest.mark.django_db


def test_fresh_database_has_an_english_home_page_as_site_root(client):
    home = HomePage.objects.get()
    assert home.locale.language_code == "en"
    assert home.get_site().root_page_id == home.pk
    assert client.get("/en/").status_code == 200


def test_root_redirects_to_a_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 302
    assert response["Location"] == "/es/"


def test_page_tree_shape_is_enforced():
    case = WagtailTestUtils()
    assert StandardPage in HomePage.allowed_subpage_models()
    assert HomePage not in HomePage.allowed_subpage_models()
    assert HomePage in Page.allowed_subpage_models()
    assert HomePage.can_create_at(Page.get_first_root_node()) is False  # max one per parent... per locale
    del case


def test_home_page_renders_its_blocks(client):
    home = HomePage.objects.get()
    home.body = [
        ("hero", {"heading": "Welcome learners", "text": "Start today"}),
        (
            "call_to_action",
            {"heading": "Join", "text": "", "button": {"label": "Sign up", "url": "/en/accounts/signup/"}},
        ),
    ]
    home.save_revision().publish()
    html = client.get("/en/").content.decode()
    assert '<h1 class="display-4">Welcome learners</h1>' in html
    assert 'href="/en/accounts/signup/"' in html


def test_link_block_refuses_javascript_urls():
    from django.core.exceptions import ValidationError

    from home.blocks import LinkBlock

    block = LinkBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"label": "x", "url": "javascript:alert(1)", "page": None}))
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"label": "", "url": "", "page": None}))
    assert block.clean(block.to_python({"label": "ok", "url": "/en/about/", "page": None}))


def test_a_hero_without_a_button_saves_but_a_call_to_action_needs_its_button():
    from django.core.exceptions import ValidationError

    from home.blocks import CallToActionBlock, HeroBlock

    hero = HeroBlock()
    empty = {"label": "", "url": "", "page": None}
    value = hero.clean(hero.to_python({"heading": "Welcome", "text": "", "image": None, "button": empty}))
    assert value["heading"] == "Welcome"
    with pytest.raises(ValidationError):  # a half-filled optional button is still refused
        hero.clean(hero.to_python({"heading": "Welcome", "button": {**empty, "url": "https://example.org/"}}))
    action = CallToActionBlock()
    with pytest.raises(ValidationError):
        action.clean(action.to_python({"heading": "Go", "text": "", "button": empty}))


def test_standard_page_in_menu_and_footer(client):
    home = HomePage.objects.get()
    about = home.add_child(instance=StandardPage(title="About us", slug="about", show_in_menus=True))
    about.save_revision().publish()
    settings = SiteSettings.for_site(home.get_site())
    settings.footer_links = [("link", {"label": "", "page": about, "url": ""})]
    settings.contact_email = "hello@example.org"
    settings.save()
    html = client.get("/en/").content.decode()
    assert html.count('href="/en/about/"') == 2  # menu and footer
    assert "mailto:hello@example.org" in html


def test_every_page_has_a_skip_link_and_a_main_landmark(client):
    html = client.get("/en/").content.decode()
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
