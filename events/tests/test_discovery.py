"""Master classes join the site's metadata (a schema.org Event held online, never the
meeting link) and the XML sitemap."""

import pytest

from home.tests.test_page_metadata import SITE, head_of
from home.tests.test_sitemap import read_sitemap

from .factories import master_class, master_class_index

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def test_a_master_class_is_an_online_event_without_its_meeting_link(client, free_class):
    response = client.get(free_class.url)
    assert free_class.meeting_url not in response.content.decode()
    (event,) = [data for data in head_of(client, free_class.url)["json_ld"] if data["@type"] == "Event"]
    assert event["name"] == free_class.title
    assert event["startDate"] == free_class.start.isoformat()
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["location"] == {"@type": "VirtualLocation", "url": SITE + free_class.url}
    assert event["offers"]["price"] == "0.00"


def test_the_sitemap_lists_the_master_classes(client, free_class):
    draft = master_class(title="Not yet", slug="not-yet")
    draft.unpublish()
    listed = read_sitemap(client)
    assert SITE + master_class_index().url in listed
    assert SITE + free_class.url in listed
    assert not any("not-yet" in url for url in listed)
