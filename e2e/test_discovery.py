"""The home page's testimonials block in Chromium: axe-clean and no sideways scroll at 1280
and 390 px (screenshots to /tmp), and the head's social card read by the browser."""

import json

import pytest

from courses.models import Review
from courses.tests import factories
from e2e.axe import serious_violations
from home.models import HomePage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def home_with_testimonials(db):
    course = factories.publish(factories.build_course(title="Drawing for everyone", slug="drawing", price=0))
    for n, (name, text) in enumerate([("Ana", "Clear, friendly and well paced."), ("Ben", "I draw every day now."),
                                      ("", "The exercises made it click for me.")]):  # fmt: skip
        user = factories.UserFactory(email=f"reader{n}@example.org", display_name=name)
        Review.objects.create(user=user, course=course, course_key=course.translation_key, rating=5 - n % 2,
                              comment=text)  # fmt: skip
    home = HomePage.objects.get(locale__language_code="en")
    home.body = [
        ("hero", {"heading": "Learn from practitioners", "text": "Courses at your pace."}),
        ("testimonials", {"heading": "What our students say", "count": 3}),
    ]
    home.save_revision().publish()
    return home


@pytest.mark.parametrize("width", [1280, 390])
def test_the_testimonials_are_accessible_and_fit_the_screen(page, live_url, home_with_testimonials, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_url + "/en/")
    assert page.locator("section.testimonials figure").count() == 3
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=f"/tmp/seo-home-testimonials-{width}.png", full_page=True)
    assert serious_violations(page) == []


def test_the_browser_reads_the_home_pages_structured_data(page, live_url, home_with_testimonials):
    page.goto(live_url + "/en/")
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["@graph"][0]["@type"] == "WebSite"
    assert page.locator('meta[property="og:title"]').get_attribute("content") == "Aula"
    assert page.locator('link[rel="canonical"]').get_attribute("href").endswith("/en/")
