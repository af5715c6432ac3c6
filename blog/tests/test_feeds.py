"""RSS 2.0 and Atom feeds, parsed by feedparser as a reader would: entries, dates, absolute
links on SITE_URL, the cover as an enclosure; never a draft or a scheduled post; a language
or tag that does not exist is a 404."""

import datetime

import feedparser
import pytest
from django.utils import timezone

from .factories import ImageFactory, post

pytestmark = pytest.mark.django_db

SITE = "https://aula.example"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def parse(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


@pytest.mark.parametrize("kind, version", [("rss", "rss20"), ("atom", "atom10")])
def test_a_feed_lists_published_posts_with_dates_absolute_links_and_the_cover(client, en_blog, kind, version):
    cover = ImageFactory()
    page = post(title="Captions for everyone", excerpt="Why captions.", cover_image=cover, tags=["video"])
    response, feed = parse(client, f"/feeds/blog/en/{kind}/")
    assert feed.version == version
    assert feed.feed.link == f"{SITE}/en/blog/"
    [entry] = feed.entries
    assert entry.title == "Captions for everyone"
    assert entry.link == f"{SITE}/en/blog/{page.slug}/"
    assert entry.summary == "Why captions."
    assert entry.published_parsed is not None
    published = datetime.datetime(*entry.published_parsed[:6], tzinfo=datetime.UTC)
    assert abs(published - page.first_published_at) < datetime.timedelta(seconds=1)
    [enclosure] = entry.enclosures
    assert enclosure.href == SITE + cover.file.url
    assert int(enclosure.length) == cover.file.size > 0
    assert enclosure.type == "image/png"
    assert [tag.term for tag in entry.tags] == ["video"]


def test_drafts_and_scheduled_posts_stay_out_of_the_feeds(client, en_blog):
    post(title="Published")
    post(title="A draft", publish=False)
    scheduled = post(title="Scheduled", publish=False)
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=1)
    scheduled.save_revision(approved_go_live_at=scheduled.go_live_at)
    assert scheduled.revisions.filter(approved_go_live_at__isnull=False).exists()
    for kind in ("rss", "atom"):
        _response, feed = parse(client, f"/feeds/blog/en/{kind}/")
        assert [entry.title for entry in feed.entries] == ["Published"]


def test_a_feed_follows_its_language(client, en_blog, locales):
    spanish_blog = en_blog.copy_for_translation(locales["es"].locale)
    spanish_blog.save_revision().publish()
    post(title="English post")
    post(parent=spanish_blog, title="Entrada en español")
    _response, feed = parse(client, "/feeds/blog/es/rss/")
    assert [entry.title for entry in feed.entries] == ["Entrada en español"]
    assert feed.feed.language == "es"
    assert feed.feed.link == f"{SITE}/es/blog/"


def test_a_tag_feed_lists_only_that_tags_posts(client, en_blog):
    post(title="Tagged", tags=["captions"])
    post(title="Other", tags=["python"])
    for kind in ("rss", "atom"):
        _response, feed = parse(client, f"/feeds/blog/en/tag/captions/{kind}/")
        assert [entry.title for entry in feed.entries] == ["Tagged"]
        assert feed.feed.link == f"{SITE}/en/blog/tag/captions/"


@pytest.mark.parametrize(
    "path",
    [
        "/feeds/blog/xx/rss/",
        "/feeds/blog/de/atom/",
        "/feeds/blog/fr/rss/",  # a language of the site without a blog yet
        "/feeds/blog/en/tag/nothing/rss/",
        "/feeds/blog/en/tag/nothing/atom/",
    ],
)
def test_an_unknown_language_or_tag_is_a_404(client, en_blog, path):
    post(tags=["captions"])
    assert client.get(path).status_code == 404


def test_a_scheduled_post_appears_once_the_worker_publishes_it(client, en_blog):
    from django_q.models import Schedule

    from blog.scheduling import publish_scheduled

    assert Schedule.objects.filter(func="blog.scheduling.publish_scheduled", minutes=1).exists()
    scheduled = post(title="Scheduled", publish=False)
    scheduled.go_live_at = timezone.now() - datetime.timedelta(minutes=1)  # its time has come
    scheduled.save_revision(approved_go_live_at=scheduled.go_live_at)
    assert parse(client, "/feeds/blog/en/rss/")[1].entries == []
    publish_scheduled()
    assert [entry.title for entry in parse(client, "/feeds/blog/en/rss/")[1].entries] == ["Scheduled"]
