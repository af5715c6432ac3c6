"""Availability dates and deadlines are shown in the student's time zone (their profile's,
else the site's), with the zone named."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Attempt

OPENS = datetime(2030, 1, 15, 12, 0, tzinfo=UTC)


@pytest.fixture
def tokyo(client, enrolled):
    enrolled.time_zone = "Asia/Tokyo"  # UTC+9, no daylight saving time
    enrolled.save()
    client.force_login(enrolled)
    return client


def test_availability_is_shown_in_the_students_zone(tokyo, make_quiz):
    quiz = make_quiz(available_from=OPENS.isoformat(), available_until=(OPENS + timedelta(days=7)).isoformat())
    html = tokyo.get(quiz.url).content.decode()
    assert 'Opens <time datetime="2030-01-15T21:00:00+09:00">Jan. 15, 2030, 9 p.m. JST</time>' in html
    assert "Closes <time" in html and "Jan. 22, 2030, 9 p.m. JST" in html
    assert "This evaluation opens on Jan. 15, 2030, 9 p.m. JST." in html


def test_a_student_without_a_zone_sees_the_sites(client, enrolled, make_quiz, settings):
    settings.TIME_ZONE = "America/Sao_Paulo"  # UTC-3
    quiz = make_quiz(available_from=OPENS.isoformat())
    client.force_login(enrolled)
    html = client.get(quiz.url).content.decode()
    assert "Jan. 15, 2030, 9 a.m. -03" in html


def test_the_refusal_to_start_early_names_the_date_in_the_students_zone(tokyo, make_quiz):
    quiz = make_quiz(available_from=OPENS.isoformat())
    response = tokyo.post(reverse("assessment_start", args=[quiz.pk]), follow=True)
    assert "This evaluation opens on Jan. 15, 2030, 9 p.m. JST." in response.content.decode()
    assert not Attempt.objects.exists()


def test_the_attempts_deadline_is_shown_in_the_students_zone(tokyo, make_quiz):
    quiz = make_quiz(time_limit=30)
    tokyo.post(reverse("assessment_start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    html = tokyo.get(reverse("assessment_attempt", args=[attempt.pk])).content.decode()
    deadline = timezone.localtime(attempt.deadline, timezone=timezone.get_fixed_timezone(9 * 60))
    assert f'<time datetime="{deadline.isoformat()}">' in html and " JST</time>" in html
