"""How a resource completes is declared by its body's blocks: the page, the endpoints and
the player script all follow the one derivation (courses.blocks.resource_profile)."""

import pytest

from courses.learning import enrollment
from courses.models import Completion, ResourcePage

from . import factories

pytestmark = pytest.mark.django_db

EMBED_URL = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


@pytest.fixture
def enrolled(free_course, student):
    enrollment.enroll(student, free_course, enrollment.Source.FREE)
    return student


def first_resource_with(course, body):
    resource = ResourcePage.objects.descendant_of(course).order_by("path").first()
    resource.body = body
    return factories.publish(resource)


def complete(client, resource):
    return client.post(f"/en/learn/resource/{resource.pk}/complete/", follow=True).content.decode()


def test_an_embed_resource_completes_with_the_button(client, free_course, enrolled):
    resource = first_resource_with(free_course, [("embed", EMBED_URL)])
    client.force_login(enrolled)
    html = client.get(resource.url).content.decode()
    assert "Mark as complete" in html
    assert 'data-aula-completion="button"' in html and "data-aula-progress" not in html
    complete(client, resource)
    assert Completion.objects.filter(user=enrolled, resource_key=resource.translation_key).exists()


def test_a_graded_resource_does_not_complete_with_the_button(client, free_course, enrolled):
    resource = first_resource_with(
        free_course, [("rich_text", "<p>Read, then answer.</p>"), ("graded_exercise", "2+2?")]
    )
    client.force_login(enrolled)
    html = client.get(resource.url).content.decode()
    assert "Mark as complete" not in html
    assert 'data-aula-completion="graded"' in html
    assert "This resource completes when you pass its evaluation." in complete(client, resource)
    assert not Completion.objects.exists()


def test_a_video_resource_tells_the_player_to_follow_playback(client, free_course, enrolled):
    video = factories.CourseMediaFactory()
    resource = first_resource_with(free_course, [("video", {"video": video, "captions": []}), ("embed", EMBED_URL)])
    client.force_login(enrolled)
    html = client.get(resource.url).content.decode()
    assert 'data-aula-completion="playback"' in html and "data-aula-progress" in html
    assert "Mark as complete" not in html
    assert "complete when you have watched them" in complete(client, resource)
