"""Captions translate with the page: each cue of a video's first caption track is a
wagtail-localize segment of the resource, and the translated page serves a caption track
in its own language (the original's timings, the translated texts), chosen by default."""

import pytest
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, TranslationSource

from core.translations import fill_translation
from courses.learning import enrollment

from . import factories

pytestmark = pytest.mark.django_db

VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:03.500\nHello, world\n\n00:00:04.000 --> 00:00:06.000\nLet us begin\n"


@pytest.fixture
def course(locales):
    return factories.build_course(title="Captioned", slug="captioned", sections=1, resources_per_section=1)


@pytest.fixture
def resource(course):
    from django.core.files.base import ContentFile

    resource = course.get_descendants().type(factories.ResourcePage).first().specific
    track = factories.CaptionTrackFactory(file=ContentFile(VTT.encode(), name="hello.vtt"))
    video = factories.CourseMediaFactory()
    resource.body = [("video", {"title": "Welcome video", "video": video, "captions": [track]})]
    resource.free_preview = True
    return factories.publish(resource)


def translate_course(course, code, texts):
    locale = Locale.objects.get(language_code=code)
    for page in [factories.catalog(), course, *course.get_descendants().order_by("path")]:
        fill_translation(page.specific, locale, texts)
    return locale


def test_the_cues_of_the_first_caption_track_are_segments_of_the_page(resource):
    fill_translation(resource.get_parent().get_parent().specific, Locale.objects.get(language_code="fr"), {})
    source, _created = TranslationSource.get_or_create_from_instance(resource)
    strings = set(StringSegment.objects.filter(source=source).values_list("string__data", flat=True))
    assert {"Welcome video", "Hello, world", "Let us begin"} <= strings


def test_a_translated_page_serves_captions_in_its_own_language(client, course, resource):
    translate_course(course, "fr", {"Hello, world": "Bonjour, le monde", "Let us begin": "Commençons"})
    french = resource.get_translation(Locale.objects.get(language_code="fr"))
    page = client.get(french.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'srclang="fr" label="Français" default' in html
    assert 'srclang="en" label="English">' in html  # the original's track, not the default
    url = html.split('srclang="fr"')[0].rsplit('src="', 1)[1].split('"')[0]
    vtt = client.get(url)
    assert vtt.status_code == 200
    assert vtt["Content-Type"].startswith("text/vtt")
    body = vtt.content.decode()
    assert body.startswith("WEBVTT")
    assert "00:00:01.000 --> 00:00:03.500\nBonjour, le monde" in body
    assert "00:00:04.000 --> 00:00:06.000\nCommençons" in body
    english = client.get(resource.url).content.decode()
    assert 'srclang="en" label="English" default' in english
    assert 'srclang="fr"' not in english


def test_no_french_track_until_a_cue_is_translated(client, course, resource):
    translate_course(course, "fr", {})
    french = resource.get_translation(Locale.objects.get(language_code="fr"))
    html = client.get(french.url).content.decode()
    assert 'srclang="fr"' not in html
    assert 'srclang="en" label="English" default' in html


def test_a_real_track_in_the_page_language_is_the_default(client, course, resource):
    spanish_track = factories.CaptionTrackFactory(language="es", label="Español")
    resource.body[0].value["captions"].append(spanish_track)
    factories.publish(resource)
    translate_course(course, "es", {"Hello, world": "Hola"})
    spanish = resource.get_translation(Locale.objects.get(language_code="es"))
    html = client.get(spanish.url).content.decode()
    assert 'srclang="es" label="Español" default' in html
    assert html.count('srclang="es"') == 1  # no generated track beside the real one


def test_translated_captions_follow_the_access_rule(client, course, resource, user_factory):
    resource.free_preview = False
    factories.publish(resource)
    course.price = "20.00"
    factories.publish(course)
    translate_course(course, "fr", {"Hello, world": "Bonjour"})
    french = resource.get_translation(Locale.objects.get(language_code="fr"))
    track = resource.body[0].value["captions"][0]
    url = f"/media-files/captions/page/{french.pk}/{track.pk}.vtt"
    assert client.get(url).status_code == 403
    student = user_factory()
    enrollment.enroll(student, course, enrollment.Source.PURCHASE)
    client.force_login(student)
    assert client.get(url).status_code == 200
    assert client.get(f"/media-files/captions/page/{french.pk}/999999.vtt").status_code == 404
