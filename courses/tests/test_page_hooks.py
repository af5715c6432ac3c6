"""The page-context and page-action hooks other apps (assessments, certificates, commerce)
use to extend course pages without courses importing them."""

import pytest
from wagtail import hooks

from courses.hooks import PAGE_ACTIONS_HOOK, PAGE_CONTEXT_HOOK, CourseAction, Place
from courses.models import ResourcePage, SectionPage

pytestmark = pytest.mark.django_db


def buy_action(course, request, decision, place):
    if course.is_free:
        return None
    return CourseAction(f"Buy ({place})", "/cart/add/", method="post", fields={"course": course.pk})


def test_the_context_hook_adds_to_course_section_and_resource_pages(client, free_course, teacher):
    def note(page, request, context):
        return {"contributed_note": f"{type(page).__name__} of {context['course'].title}"}

    client.force_login(teacher)
    section = SectionPage.objects.child_of(free_course).first()
    resource = ResourcePage.objects.child_of(section).first()
    with hooks.register_temporarily(PAGE_CONTEXT_HOOK, note):
        notes = [client.get(page.url).context["contributed_note"] for page in (free_course, section, resource)]
    assert notes == ["CoursePage of Free course", "SectionPage of Free course", "ResourcePage of Free course"]


def test_the_action_hook_adds_buy_to_the_call_to_action(client, paid_course, student):
    client.force_login(student)
    with hooks.register_temporarily(PAGE_ACTIONS_HOOK, buy_action):
        html = client.get(paid_course.url).content.decode()
    assert f"Buy ({Place.CALL_TO_ACTION})" in html
    assert 'action="/cart/add/"' in html and f'name="course" value="{paid_course.pk}"' in html
    assert "Free preview” are open to everyone" not in html


def test_the_action_hook_adds_buy_to_the_access_refusal_page(client, paid_course, student):
    resource = ResourcePage.objects.descendant_of(paid_course).filter(free_preview=False).first()
    client.force_login(student)
    with hooks.register_temporarily(PAGE_ACTIONS_HOOK, buy_action):
        response = client.get(resource.url)
    assert response.status_code == 403
    assert f"Buy ({Place.ACCESS_REFUSED})" in response.content.decode()


def test_without_contributors_a_paid_course_offers_what_courses_alone_offers(client, paid_course, student, monkeypatch):
    from wagtail import hooks

    monkeypatch.setitem(hooks._hooks, "register_course_page_actions", [])  # commerce's "Buy now" off
    client.force_login(student)
    html = client.get(paid_course.url).content.decode()
    assert "coming soon" not in html
    assert "Free preview” are open to everyone" in html
    assert "Buy (" not in html
