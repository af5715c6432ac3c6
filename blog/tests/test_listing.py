"""The blog's pages: newest first, ten a page, a page per tag and language; anything that
does not exist is a 404; the query count does not grow with the number of posts."""

import datetime

import pytest

from blog.listing import PER_PAGE
from core.tests.databases import full_text_search

from .factories import ImageFactory, post

pytestmark = pytest.mark.django_db


def test_the_blog_lists_live_posts_newest_first(client, en_blog):
    older = post(title="Older", date=datetime.date(2026, 1, 1))
    newer = post(title="Newer", date=datetime.date(2026, 2, 1))
    post(title="A draft", publish=False)
    html = client.get("/en/blog/").content.decode()
    assert html.index(newer.title) < html.index(older.title)
    assert "A draft" not in html


def test_the_blog_is_paginated_and_a_missing_page_is_a_404(client, en_blog):
    for number in range(PER_PAGE + 1):
        post(title=f"Numbered {number:02d}", date=datetime.date(2026, 1, 1) + datetime.timedelta(days=number))
    first = client.get("/en/blog/").content.decode()
    assert "Numbered 10" in first and "Numbered 00" not in first
    second = client.get("/en/blog/?page=2").content.decode()
    assert "Numbered 00" in second and "Numbered 10" not in second
    for junk in ["3", "0", "-1", "abc", "99999999999"]:
        assert client.get(f"/en/blog/?page={junk}").status_code == 404, junk


def test_a_tag_page_lists_the_posts_of_that_tag_in_that_language(client, en_blog, locales):
    tagged = post(title="About captions", tags=["captions"])
    post(title="About python", tags=["python"])
    spanish_blog = en_blog.copy_for_translation(locales["es"].locale)
    spanish_blog.save_revision().publish()
    post(parent=spanish_blog, title="Subtítulos", tags=["captions"])
    response = client.get("/en/blog/tag/captions/")
    html = response.content.decode()
    assert response.status_code == 200
    assert tagged.title in html and "About python" not in html and "Subtítulos" not in html
    assert "Subtítulos" in client.get("/es/blog/tag/captions/").content.decode()


def test_an_unknown_tag_or_a_draft_only_tag_is_a_404(client, en_blog):
    post(tags=["secret"], publish=False)
    assert client.get("/en/blog/tag/nothing/").status_code == 404
    assert client.get("/en/blog/tag/secret/").status_code == 404
    post(tags=["open"])
    assert client.get("/en/blog/tag/open/?page=2").status_code == 404


def test_a_post_page_shows_its_cover_tags_author_and_reading_time(client, en_blog):
    page = post(title="Captions", tags=["video"], cover_image=ImageFactory(), cover_alt="A purple banner")
    html = client.get(page.url).content.decode()
    assert 'alt="A purple banner"' in html
    assert 'href="/en/blog/tag/video/"' in html
    assert page.author.name in html
    assert "3 min read" in html  # 450 words


def test_blog_pages_link_their_feeds_in_the_head(client, en_blog):
    page = post(tags=["video"])
    head = client.get(page.url).content.decode().split("</head>")[0]
    assert 'type="application/rss+xml"' in head and 'href="/feeds/blog/en/rss/"' in head
    tag_head = client.get("/en/blog/tag/video/").content.decode().split("</head>")[0]
    assert 'href="/feeds/blog/en/tag/video/atom/"' in tag_head


def _queries(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # the covers' renditions are made once
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", ["/en/blog/", "/en/blog/tag/common/"])
def test_listing_queries_do_not_grow_with_the_number_of_posts(client, en_blog, no_caching, path):
    def make(count):
        for _ in range(count):
            post(tags=["common", "other"], cover_image=ImageFactory())

    make(2)
    few = _queries(client, path)
    make(PER_PAGE)
    many = _queries(client, path)
    assert many <= few <= 30, (few, many)


def test_the_home_page_block_lists_the_latest_posts_of_the_language(client, en_blog):
    from home.models import HomePage

    home = HomePage.objects.get(locale__language_code="en")
    home.body = [("latest_posts", {"heading": "From the blog", "count": 2})]
    home.save_revision().publish()
    post(title="First", date=datetime.date(2026, 1, 1))
    post(title="Second", date=datetime.date(2026, 1, 2))
    post(title="Third", date=datetime.date(2026, 1, 3))
    post(title="Draft", date=datetime.date(2026, 1, 4), publish=False)
    html = client.get("/en/").content.decode()
    assert "From the blog" in html and "Third" in html and "Second" in html
    assert "First" not in html and "Draft" not in html
    post(title="Fourth", date=datetime.date(2026, 1, 5))  # publishing renews the cached block and page
    assert "Fourth" in client.get("/en/").content.decode()


@full_text_search
def test_live_posts_join_the_site_search_and_drafts_do_not(search_index, client, en_blog):
    post(title="Photosynthesis explained", excerpt="Light becomes sugar.")
    post(title="Photosynthesis draft", publish=False)
    response = client.get("/en/search/", {"q": "photosynthesis"})
    titles = [result.page.title for result in response.context["results"]]
    assert titles == ["Photosynthesis explained"]
    assert "Light becomes sugar." in response.content.decode()
