"""The home page's links as an editor saves them in the Wagtail admin: the hero's optional
button may be left empty (the demo home page has none), a half-filled link is refused with
a message saying what is missing, and a call to action's button stays required."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail import blocks
from wagtail.images.blocks import ImageBlock
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.management.commands.seed_demo import Command as SeedDemo
from home.models import HomePage

pytestmark = pytest.mark.django_db


def form_value(block, value):
    """``value`` of ``block`` as the editor's form posts it (nested, for ``nested_form_data``)."""
    if isinstance(block, ImageBlock):  # a struct whose value is the image itself
        alt_text = getattr(value, "contextual_alt_text", "") or ""
        return {"image": str(value.pk) if value else "", "decorative": "", "alt_text": alt_text}
    if isinstance(block, blocks.StructBlock):
        return {name: form_value(child, value.get(name)) for name, child in block.child_blocks.items()}
    if isinstance(block, blocks.ChooserBlock):
        return str(value.pk) if value else ""
    if isinstance(block, blocks.BooleanBlock):
        return "on" if value else ""
    if isinstance(block, blocks.RichTextBlock):
        return block.field.widget.format_value(block.get_prep_value(value)) if value else ""
    return "" if value is None else str(block.get_prep_value(value))


def home_form_data(home, **changes):
    """What the home page's editor posts: its title, slug and body as stored, then ``changes``
    (``body`` replaced by a list of ``(block name, value)``)."""
    stream_block = home.body.stream_block
    items = changes.pop("body", None) or [(child.block_type, child.value) for child in home.body]
    body = [(name, form_value(stream_block.child_blocks[name], stream_block.child_blocks[name].normalize(value)))
            for name, value in items]  # fmt: skip
    data = nested_form_data({
        "title": home.title, "slug": home.slug, "seo_title": home.seo_title, "search_description": "",
        "body": streamfield(body), "comments": inline_formset([]),
    })  # fmt: skip
    data.update(changes)
    return data


@pytest.fixture
def demo_home(db):
    """The demo's English home page, as ``seed_demo`` fills it (a hero without a button)."""
    home = HomePage.objects.get(locale__language_code="en")
    command = SeedDemo()
    command.created = 0
    command.fill_home(home, "en")
    home.refresh_from_db()
    return home


def hero_html(html):
    return str(BeautifulSoup(html, "html.parser").select_one("section.hero"))


def publish(client, home, data):
    data["action-publish"] = "action-publish"
    return client.post(reverse("wagtailadmin_pages:edit", args=[home.pk]), data)


def test_an_editor_publishes_the_demo_home_page_whose_hero_has_no_button(client, admin_user, demo_home):
    client.force_login(admin_user)
    response = publish(client, demo_home, home_form_data(demo_home, title="Aula home"))
    assert response.status_code == 302, response.context["form"].errors
    demo_home.refresh_from_db()
    assert demo_home.title == "Aula home"
    assert not demo_home.has_unpublished_changes
    hero = hero_html(client.get("/en/").content.decode())
    assert "Learn from practitioners, at your own pace" in hero
    assert "<a " not in hero  # no empty button drawn


@pytest.mark.parametrize(
    "button, message",
    [
        ({"label": "Start", "page": None, "url": ""}, "has a label but goes nowhere"),
        ({"label": "", "page": None, "url": "https://example.org/"}, "An external link needs a label."),
        ({"label": "Both", "page": "home", "url": "https://example.org/"}, "not both"),
    ],
)
def test_a_half_filled_hero_button_is_refused_with_a_message(client, admin_user, demo_home, button, message):
    client.force_login(admin_user)
    if button["page"] == "home":
        button = {**button, "page": demo_home}
    body = [("hero", {"heading": "Welcome", "text": "", "image": None, "button": button})]
    response = publish(client, demo_home, home_form_data(demo_home, body=body))
    assert response.status_code == 200
    assert message in response.content.decode()
    demo_home.refresh_from_db()
    assert demo_home.body[0].value["heading"] != "Welcome"  # nothing saved


def test_a_hero_button_to_a_page_needs_no_label(client, admin_user, demo_home):
    client.force_login(admin_user)
    body = [("hero", {"heading": "Welcome", "text": "", "image": None,
                      "button": {"label": "", "page": demo_home, "url": ""}})]  # fmt: skip
    assert publish(client, demo_home, home_form_data(demo_home, body=body)).status_code == 302
    assert 'class="btn btn-primary btn-lg"' in hero_html(client.get("/en/").content.decode())


def test_a_call_to_action_still_needs_its_button(client, admin_user, demo_home):
    client.force_login(admin_user)
    body = [("call_to_action", {"heading": "Join", "text": "", "button": {"label": "", "page": None, "url": ""}})]
    response = publish(client, demo_home, home_form_data(demo_home, body=body))
    assert response.status_code == 200
    assert "Choose a page or enter an address for this link." in response.content.decode()
