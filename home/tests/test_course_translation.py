"""A translator works through a whole course from one place (issue 27, item 7): the course's
translation page lists its pages with their progress and editors and the next page to
translate; the editor labels each evaluation segment; a translator's footer leads with
"Submit for review", never "Delete" or "Stop Synced translation"."""

import html
import json
import re

import pytest
import wagtail_factories
from wagtail.models import Locale

from accounts.roles import TRANSLATORS
from assessments.tests.factories import choice, evaluation_data, question
from core.translations import fill_translation
from courses.models import ResourcePage, SectionPage
from courses.tests import factories
from home import course_translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def translator(locales):
    return factories.UserFactory(groups=[TRANSLATORS])


def english_course(sections=2, resources=2):
    course = factories.build_course(
        title="Python basics", slug=f"python-basics-{sections}-{resources}", sections=sections,
        resources_per_section=resources, cover_image=wagtail_factories.ImageFactory(),
    )  # fmt: skip
    return factories.publish(course)


@pytest.fixture
def other_teacher(db):
    return factories.instructor(display_name="Teacher Two")


@pytest.fixture
def course(locales):
    return english_course()


def into_french(client, course):
    locale = Locale.objects.get(language_code="fr")
    client.post(f"/admin/localize/submit/page/{course.pk}/", {"locales": [locale.pk], "include_subtree": "on"})
    return course.get_translation(locale).specific


def test_the_course_translation_page_lists_every_page_with_its_progress(client, translator, course):
    client.force_login(translator)
    french = into_french(client, course)
    section = SectionPage.objects.child_of(french).order_by("path").first()
    fill_translation(
        SectionPage.objects.get(translation_key=section.translation_key, locale__language_code="en"),
        french.locale, {"Section 1": "Chapitre 1"}, publish=False,
    )  # fmt: skip
    page = client.get(f"/admin/translations/course/{french.pk}/").content.decode()
    rows = re.findall(r'<tr data-aula-page="(\d+)">(.*?)</tr>', page, re.S)
    assert [int(pk) for pk, _row in rows] == [p.pk for p in french.get_descendants(inclusive=True).order_by("path")]
    by_page = dict(rows)
    assert "1 / 1 texts" in by_page[str(section.pk)] and "Translated" in by_page[str(section.pk)]
    assert re.search(r"0 / [1-9]\d* texts", by_page[str(french.pk)])
    assert "To translate" in by_page[str(french.pk)]
    assert "1 of 7 pages translated from English." in page
    assert f'href="/admin/pages/{french.pk}/edit/" data-aula-next-untranslated' in page


def test_next_untranslated_page_skips_translated_pages_and_goes_round(client, translator, course):
    client.force_login(translator)
    french = into_french(client, course)
    pages = list(french.get_descendants(inclusive=True).order_by("path"))
    section = pages[1]
    fill_translation(section.get_translation(Locale.get_default()), french.locale, {"Section 1": "Chapitre 1"})
    after_course = client.get(f"/admin/translations/course/{french.pk}/next/?after={french.pk}")
    assert after_course["Location"] == f"/admin/pages/{pages[2].pk}/edit/"  # the section is done
    after_last = client.get(f"/admin/translations/course/{french.pk}/next/?after={pages[-1].pk}")
    assert after_last["Location"] == f"/admin/pages/{french.pk}/edit/"
    bad = client.get(f"/admin/translations/course/{french.pk}/next/?after=nonsense")
    assert bad.status_code == 302 and bad["Location"] == f"/admin/pages/{french.pk}/edit/"


def test_when_every_page_is_translated_next_says_so(client, translator, locales):
    from wagtail_localize.models import StringSegment

    course = english_course(sections=0)
    client.force_login(translator)
    french = into_french(client, course)
    texts = {s.string.data: f"FR {s.string.data}" for s in StringSegment.objects.select_related("string")}
    fill_translation(course, french.locale, texts, publish=False)
    assert all(row.done for row in course_translation.course_progress(french))
    response = client.get(f"/admin/translations/course/{french.pk}/next/", follow=True)
    assert "Every page of this course is translated." in response.content.decode()


@pytest.mark.parametrize("who", ["student", "second_instructor"])
def test_the_course_translation_page_is_refused_to_others(client, translator, course, other_teacher, who):
    client.force_login(translator)
    french = into_french(client, course)
    client.force_login(factories.UserFactory() if who == "student" else other_teacher)
    for url in (f"/admin/translations/course/{french.pk}/", f"/admin/translations/course/{french.pk}/next/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Python basics" not in response.content.decode()


def test_an_english_course_has_no_translation_page(client, course, admin_client):
    refused = admin_client.get(f"/admin/translations/course/{course.pk}/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's "no permission"
    assert admin_client.get("/admin/translations/course/999999/", follow=True).status_code == 404


def test_the_course_translation_page_reads_a_constant_number_of_queries(
    client, translator, locales, django_assert_max_num_queries
):
    client.force_login(translator)
    urls = [
        f"/admin/translations/course/{into_french(client, english_course(sections=2, resources=size)).pk}/"
        for size in (1, 6)
    ]
    for url in urls:
        client.get(url)  # what is made once (the site's settings, caches) is made
    budgets = []
    for url in urls:
        with django_assert_max_num_queries(60) as captured:
            assert client.get(url).status_code == 200
        budgets.append(len(captured.captured_queries))
    assert budgets[0] == budgets[1]


def editor_props(response):
    match = re.search(r'class="js-translation-editor[^"]*" data-props="([^"]+)"', response.content.decode())
    return json.loads(html.unescape(match.group(1)))


def test_evaluation_segments_say_what_they_are(client, translator, course):
    resource = ResourcePage.objects.descendant_of(course).order_by("path").first()
    quiz = evaluation_data([
        question("single_choice", "q1", "Which planet is closest to the Sun?",
                 choices=[choice("c1", "Mercury", True), choice("c2", "Venus")]),
        question("short_text", "q2", "Name the red planet.",
                 accepted_answers=[{"type": "item", "id": "a1", "value": "Mars"}]),
    ])  # fmt: skip
    resource.body = [(b["type"], b["value"]) for b in quiz]
    factories.publish(resource)
    client.force_login(translator)
    french = into_french(client, course)
    french_resource = resource.get_translation(french.locale)
    props = editor_props(client.get(f"/admin/pages/{french_resource.pk}/edit/"))
    labels = {
        segment["source"]: segment["location"]["subField"] for segment in props["segments"] if "source" in segment
    }
    assert labels["Which planet is closest to the Sun?"] == "Question 1"
    assert labels["Mercury"] == "Question 1 · Choice A"
    assert labels["Venus"] == "Question 1 · Choice B"
    assert labels["Name the red planet."] == "Question 2"
    assert labels["Mars"] == "Question 2 · Accepted answer 1 — changes grading"


def test_a_translators_footer_leads_with_submit_and_hides_delete(client, translator, course):
    client.force_login(translator)
    french = into_french(client, course)
    response = client.get(f"/admin/pages/{french.pk}/edit/")
    page = response.content.decode()
    footer = page[page.index('class="aula-translator-footer"') :]
    assert footer.index("Submit for review") < footer.index("Next untranslated page")
    assert "aula-translator-editor" in page  # wagtail-localize's own footer is hidden for them
    perms = editor_props(response)["perms"]
    assert not perms["canDelete"] and not perms["canPublish"]
    assert page.count("data-aula-submit-for-review") == 1
    assert f"/admin/translations/course/{french.pk}/" in page


def test_an_admin_keeps_wagtail_localizes_footer(client, translator, course, admin_client):
    client.force_login(translator)
    french = into_french(client, course)
    response = admin_client.get(f"/admin/pages/{french.pk}/edit/")
    page = response.content.decode()
    assert "aula-translator-footer" not in page and "aula-translator-editor" not in page
    perms = editor_props(response)["perms"]
    assert perms["canDelete"] and perms["canLock"]  # Delete stays reachable in its menu
