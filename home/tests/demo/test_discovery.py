"""The seeded demo: its home page carries the testimonials block in every language, editors
can publish it, and its sitemap and heads describe the site."""

import json
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse

from home.models import HomePage
from home.tests.test_link_block_in_admin import home_form_data

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.mark.parametrize("code", ["en", "es", "pt-br", "fr"])
def test_the_demo_home_quotes_the_demo_review_in_every_language(client, code):
    soup = BeautifulSoup(client.get(f"/{code}/").content, "html.parser")
    section = soup.select_one("section.testimonials")
    assert section is not None
    assert "Clear, friendly and well paced." in section.get_text()
    assert "Sam Student" in section.get_text()
    assert "student@aula.test" not in str(soup)


def test_an_editor_publishes_the_demo_home_page(client):
    editor = get_user_model().objects.get(email="editor@aula.test")
    home = HomePage.objects.get(locale__language_code="en")
    client.force_login(editor)
    data = home_form_data(home, title="Aula")
    data["action-publish"] = "action-publish"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[home.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    home.refresh_from_db()
    assert home.live_revision_id == home.latest_revision_id


def test_the_demo_sitemap_lists_its_courses_in_their_languages(client, settings):
    settings.SITE_URL = "https://aula.example.org"
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [url.findtext("s:loc", namespaces=NS) for url in root.findall("s:url", NS)]
    assert "https://aula.example.org/en/" in locations
    courses = [url for url in locations if "/courses/" in url and url.count("/") == 6]
    assert any(url.startswith("https://aula.example.org/es/") for url in courses)
    assert all(url.count("/") <= 8 for url in locations)


def test_the_demo_course_head_carries_course_json_ld(client):
    from courses.models import CoursePage

    course = CoursePage.objects.live().filter(locale__language_code="en", price__gt=0).first()
    head = BeautifulSoup(client.get(course.url).content, "html.parser").head
    (script,) = head.find_all("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["@type"] == "Course" and data["provider"]["@type"] == "Organization"
    assert data["offers"]["price"] == f"{course.price:.2f}"
    assert head.find("meta", property="og:image")["content"].startswith("http")
