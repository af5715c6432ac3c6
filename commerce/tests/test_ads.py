import pytest
from django.urls import reverse
from wagtail.models import Site

from commerce.models import AdSettings
from courses.learning.enrollment import Source, enroll

PUBLISHER = "pub-1234567890123456"


@pytest.fixture
def ads(db):
    settings = AdSettings.for_site(Site.objects.get(is_default_site=True))
    settings.adsense_publisher_id = PUBLISHER
    settings.adsense_slot_id = "998877"
    settings.save()
    return settings


def csp(response):
    return response.get("Content-Security-Policy", "")


def test_a_free_course_page_shows_an_ad_and_allows_its_script(client, ads, free_course):
    response = client.get(free_course.url)
    text = response.content.decode()
    assert 'class="adsbygoogle' in text and f'data-ad-client="ca-{PUBLISHER}"' in text
    assert "pagead2.googlesyndication.com" in csp(response)


def test_a_paid_course_page_never_shows_an_ad(client, ads, course_a):
    response = client.get(course_a.url)
    assert "adsbygoogle" not in response.content.decode()
    assert "googlesyndication" not in csp(response)


def test_enrolled_students_never_see_an_ad(client, ads, free_course, buyer):
    enroll(buyer, free_course, Source.FREE)
    client.force_login(buyer)
    response = client.get(free_course.url)
    assert "adsbygoogle" not in response.content.decode()
    assert "googlesyndication" not in csp(response)


def test_no_publisher_id_no_ads(client, free_course):
    response = client.get(free_course.url)
    assert "adsbygoogle" not in response.content.decode()
    assert "googlesyndication" not in csp(response)


def test_other_pages_keep_the_strict_policy(client, ads, free_course):
    response = client.get(reverse("commerce:cart"))
    assert "script-src 'self';" in csp(response) or "script-src 'self'" in csp(response)
    assert "googlesyndication" not in csp(response)


def test_ads_txt_is_plain_text_when_the_id_is_set(client, ads):
    response = client.get("/ads.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    assert response.content.decode() == f"google.com, {PUBLISHER}, DIRECT, f08c47fec0942fa0\n"


def test_ads_txt_is_404_without_an_id(client, db):
    assert client.get("/ads.txt").status_code == 404


def test_a_malformed_publisher_id_is_refused(db):
    from django.core.exceptions import ValidationError

    settings = AdSettings(site=Site.objects.get(is_default_site=True), adsense_publisher_id="<script>")
    with pytest.raises(ValidationError):
        settings.full_clean()


def test_a_free_course_page_served_from_the_page_cache_keeps_the_ad_policy(
    shared_cache, ads, free_course, django_assert_num_queries
):
    from django.test import Client

    first = Client().get(free_course.url)
    with django_assert_num_queries(0):  # served whole from the cache: no view ran
        second = Client().get(free_course.url)
    assert "adsbygoogle" in second.content.decode()
    assert "pagead2.googlesyndication.com" in csp(first) and csp(second) == csp(first)
