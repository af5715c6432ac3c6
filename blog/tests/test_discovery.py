"""Posts join the site's metadata (a BlogPosting, og:type article, the cover as og:image)
and the XML sitemap; a draft never does."""

import pytest

from home.tests.test_page_metadata import SITE, head_of
from home.tests.test_sitemap import read_sitemap

from .factories import post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def test_a_post_says_it_is_an_article_with_its_author_date_and_tags(client, en_blog):
    page = post(title="Captions for everyone", excerpt="Why captions matter.", tags=["video"])
    head = head_of(client, page.url)
    assert head["description"] == "Why captions matter."
    assert head["canonical"] == SITE + page.url
    assert head["og"]["og:type"] == ["article"]
    (posting,) = [data for data in head["json_ld"] if data["@type"] == "BlogPosting"]
    assert posting["headline"] == "Captions for everyone"
    assert posting["author"] == {"@type": "Person", "name": page.author.name}
    assert posting["datePublished"] == page.date.isoformat()
    assert posting["keywords"] == "video"
    assert posting["url"] == SITE + page.url


def test_the_sitemap_lists_the_blog_and_its_live_posts_only(client, en_blog):
    live = post(title="Live post")
    draft = post(title="Draft post", publish=False)
    listed = read_sitemap(client)
    assert SITE + en_blog.url in listed
    assert SITE + live.url in listed
    assert not any(draft.slug in url for url in listed)
