from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from assessments import attempts


def test_dashboard_shows_open_attempts_with_time_left(client, enrolled, make_quiz):
    quiz = make_quiz(time_limit=30)
    attempt = attempts.start_attempt(enrolled, quiz)
    client.force_login(enrolled)
    html = client.get(reverse("dashboard")).content.decode()
    assert "Evaluations" in html and reverse("assessment_attempt", args=[attempt.pk]) in html and "left" in html


def test_dashboard_has_no_evaluations_panel_without_attempts(client, enrolled, quiz):
    client.force_login(enrolled)
    assert 'id="evaluations-heading"' not in client.get(reverse("dashboard")).content.decode()


def test_an_expired_attempt_leaves_the_dashboard_graded(client, enrolled, make_quiz):
    from assessments.models import Attempt

    quiz = make_quiz(time_limit=5)
    attempt = attempts.start_attempt(enrolled, quiz)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    client.force_login(enrolled)
    assert 'id="evaluations-heading"' not in client.get(reverse("dashboard")).content.decode()
    assert not Attempt.objects.get().is_open
