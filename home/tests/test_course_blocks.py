"""The home page's course blocks: featured courses, categories and a course search box."""

import pytest

from courses.models import Category
from courses.tests import factories
from home.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(db):
    return factories.catalog()


def home_with(*blocks):
    home = HomePage.objects.get(locale__language_code="en")
    home.body = list(blocks)
    home.save_revision().publish()
    return home


def test_featured_courses_block_lists_featured_courses_first(client, catalog):
    factories.build_course(title="Plain course", slug="plain", price=0)
    factories.build_course(title="Star course", slug="star", price=0, featured=True)
    home_with(("featured_courses", {"heading": "Featured courses", "count": 1}))
    html = client.get("/en/").content.decode()
    assert "Featured courses" in html and "Star course" in html and "Plain course" not in html
    assert "See every course" in html
    assert '<h3 class="h5 card-title"' in html  # headings in order under the block's h2


def test_categories_block_links_to_the_filtered_catalog(client, catalog):
    design = Category.objects.create(name="Design", slug="design", locale=catalog.locale)
    factories.build_course(title="Drawing", slug="drawing", price=0, category=design)
    home_with(("categories", {"heading": "Browse by subject"}))
    html = client.get("/en/").content.decode()
    assert f'href="{catalog.url}?category=design"' in html
    assert "Design" in html


def test_course_search_block_is_a_get_form_to_the_catalog_keyword_search(client, catalog):
    factories.build_course(title="Watercolour", slug="watercolour", price=0)
    home_with(("course_search", {"heading": "What do you want to learn?"}))
    html = client.get("/en/").content.decode()
    assert f'action="{catalog.url}"' in html and 'name="q"' in html
    assert "Watercolour" in client.get(catalog.url + "?q=water").content.decode()
