"""Transcript cues follow what is published, in the background (django-q2 runs in-process in
tests, when the transaction commits), and a query matching spoken words lists the lines."""

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Locale

from core.translations import fill_translation
from courses.tests import factories
from search.models import TranscriptCue
from search.transcripts import index_resource_transcripts

from .conftest import caption_track, result_for, search, video_body

SPOKEN_LINE = "Today we talk about photosynthesis in green leaves."


def cues_of(resource):
    return list(
        TranscriptCue.objects.filter(resource=resource).order_by("track", "position").values_list("start", "text")
    )


@pytest.mark.django_db
def test_publishing_a_resource_indexes_its_captions_cues(botany):
    assert cues_of(botany["preview"]) == [
        (0.0, "Welcome to the course."),
        (3.0, "Today we talk about photosynthesis in green leaves."),
        (83.0, "Chlorophyll absorbs the light."),
    ]
    assert TranscriptCue.objects.get(resource=botany["preview"], position=0).locale_id == botany["preview"].locale_id


@pytest.mark.django_db
def test_nothing_is_indexed_until_the_transaction_commits(botany):
    resource = botany["reading"]
    resource.body = video_body(caption_track())
    with transaction.atomic():
        factories.publish(resource)
        assert cues_of(resource) == []  # queued for the background, not done inline


@pytest.mark.django_db
def test_a_changed_caption_track_is_indexed_again(client, botany, django_capture_on_commit_callbacks):
    track = TranscriptCue.objects.filter(resource=botany["preview"]).first().track
    with django_capture_on_commit_callbacks(execute=True):
        track.file = ContentFile(b"WEBVTT\n\n00:00:42.000 --> 00:00:44.000\nStomata open at dawn.\n", name="new.vtt")
        track.save()
    assert cues_of(botany["preview"]) == [(42.0, "Stomata open at dawn.")]
    result = result_for(search(client, "stomata"), botany["preview"])
    assert [line.url for line in result.lines] == [f"{botany['preview'].url}?t=42&track={track.url}"]
    assert search(client, "chlorophyll").context["results"] == []


@pytest.mark.django_db
def test_unpublishing_a_resource_removes_its_cues(client, botany, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        botany["preview"].unpublish()
    assert cues_of(botany["preview"]) == []
    assert search(client, "chlorophyll").context["results"] == []


@pytest.mark.django_db
def test_spoken_words_list_the_resource_with_its_lines_and_seconds(client, botany):
    response = search(client, "chlorophyll")
    result = result_for(response, botany["preview"])
    track = TranscriptCue.objects.filter(resource=botany["preview"]).first().track
    assert [(line.second, line.url) for line in result.lines] == [
        (83, f"{botany['preview'].url}?t=83&track={track.url}")
    ]
    html = response.content.decode()
    assert f'href="{botany["preview"].url}?t=83&amp;track={track.url}"' in html
    assert '<span class="transcript-time">1:23</span>' in html
    assert "<mark>Chlorophyll</mark> absorbs the light." in html


@pytest.mark.django_db
def test_the_rebuild_command_indexes_every_live_resource(botany, capsys):
    TranscriptCue.objects.all().delete()
    call_command("index_transcripts")
    assert "4 transcript cues indexed." in capsys.readouterr().out
    assert index_resource_transcripts(botany["reading"].pk) == 0  # a reading has no captions


def translate_course(course, code, texts):
    """The course, its sections and lessons translated (and published) in wagtail-localize."""
    locale = Locale.objects.get(language_code=code)
    for page in [factories.catalog(), course, *course.get_descendants().order_by("path")]:
        fill_translation(page.specific, locale, texts)
    return locale


@pytest.mark.django_db
def test_a_translated_lessons_captions_are_found_in_its_language(
    client, botany, locales, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        locale = translate_course(
            botany["course"], "es", {SPOKEN_LINE: "Hoy hablamos de la fotosíntesis en las hojas."}
        )
    spanish = botany["preview"].get_translation(locale)
    track = TranscriptCue.objects.filter(resource=botany["preview"]).first().track
    response = client.get("/es/search/", {"q": "hablamos hojas"})
    served = f"/media-files/captions/page/{spanish.pk}/{track.pk}.vtt"  # the Spanish track the page serves
    assert [line.url for line in result_for(response, spanish).lines] == [f"{spanish.url}?t=3&track={served}"]
    assert "Hoy <mark>hablamos</mark> de la fotosíntesis en las <mark>hojas</mark>." in response.content.decode()
    assert client.get(served).content.decode().count("Hoy hablamos") == 1
    assert search(client, "hablamos").context["results"] == []  # not in the English lesson


@pytest.mark.django_db
def test_every_caption_language_of_a_video_is_found_on_each_language_version(
    client, botany, locales, django_capture_on_commit_callbacks
):
    preview = botany["preview"]
    vtt = b"WEBVTT\n\n00:00:20.000 --> 00:00:24.000\nLa clorofila absorbe la luz.\n"
    spanish_track = factories.CaptionTrackFactory(language="es", label="Español", file=ContentFile(vtt, name="es.vtt"))
    with django_capture_on_commit_callbacks(execute=True):
        preview.body[0].value["captions"].append(spanish_track)
        factories.publish(preview)
        locale = translate_course(botany["course"], "es", {})
    spanish = preview.get_translation(locale)
    for url, page in (("/en/search/", preview), ("/es/search/", spanish)):
        result = result_for(client.get(url, {"q": "clorofila"}), page)
        assert [line.url for line in result.lines] == [f"{page.url}?t=20&track={spanish_track.url}"]
