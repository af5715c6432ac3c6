"""Translators translate every language's pages in wagtail-localize and never edit a source.

Through the admin, as a translator would: "Translate this page" → Spanish (subtree
included by default for a course) → the translation editor of the new page → "Submit for
review" → a moderator approves → live.
"""

import pytest
import wagtail_factories
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Locale, Page, Workflow, WorkflowState

from accounts.roles import EDITORS, MODERATORS, TRANSLATORS
from courses.models import CoursePage, ResourcePage, SectionPage
from courses.tests import factories
from home.models import StandardPage
from home.translation_roles import TRANSLATION_REVIEW

pytestmark = pytest.mark.django_db


@pytest.fixture
def translator(locales):
    return factories.UserFactory(groups=[TRANSLATORS])


@pytest.fixture
def course(locales):
    course = factories.build_course(
        title="Python basics", slug="python-basics", cover_image=wagtail_factories.ImageFactory()
    )  # a cover image: the publish checklist wants one
    return factories.publish(course)


def page_codenames(group_name, page):
    grants = GroupPagePermission.objects.filter(group__name=group_name, page=page)
    return set(grants.values_list("permission__codename", flat=True))


def submit_into(client, page, code, **extra):
    locale = Locale.objects.get(language_code=code)
    data = {"locales": [locale.pk], **extra}
    return client.post(f"/admin/localize/submit/page/{page.pk}/", data)


def test_translators_change_every_other_language_tree_and_not_the_source(locales):
    assert page_codenames(TRANSLATORS, locales["en"]) == set()
    for code in ("es", "pt-br", "fr"):
        assert page_codenames(TRANSLATORS, locales[code]) == {"change_page"}
        assert page_codenames(EDITORS, locales[code]) == page_codenames(EDITORS, locales["en"])
        assert page_codenames(MODERATORS, locales[code]) == page_codenames(MODERATORS, locales["en"])
        assert locales[code].get_workflow().name == TRANSLATION_REVIEW


def test_translation_review_is_approved_by_moderators():
    workflow = Workflow.objects.get(name=TRANSLATION_REVIEW)
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [MODERATORS]


def test_a_translator_cannot_save_a_draft_of_an_english_page(client, translator, course):
    client.force_login(translator)
    revisions = course.revisions.count()
    edit = client.get(f"/admin/pages/{course.pk}/edit/")
    assert edit.status_code == 302
    posted = client.post(
        f"/admin/pages/{course.pk}/edit/",
        {"title": "Hacked", "slug": course.slug, "summary": "x", "price": "0", "level": "beginner"},
    )
    assert posted.status_code == 302
    course.refresh_from_db()
    assert course.title == "Python basics"
    assert course.draft_title == "Python basics"
    assert course.revisions.count() == revisions


def test_a_translator_cannot_edit_a_page_written_in_spanish(client, translator, locales):
    """Page permissions on the Spanish tree do not make a Spanish original theirs."""
    original = locales["es"].add_child(instance=StandardPage(title="Sobre nosotros", slug="sobre"))
    client.force_login(translator)
    response = client.post(f"/admin/pages/{original.pk}/edit/", {"title": "Otro", "slug": "sobre"})
    assert response.status_code == 302
    original.refresh_from_db()
    assert original.title == "Sobre nosotros"
    assert original.revisions.count() == 0


def subtree_checkbox(form):
    """The <input …> tag of "Include subtree"."""
    before, after = form.split('name="include_subtree"', 1)
    return before.rsplit("<input", 1)[1] + after.split(">", 1)[0]


def test_translate_this_page_ticks_include_subtree_for_a_course(client, translator, course):
    client.force_login(translator)
    form = client.get(f"/admin/localize/submit/page/{course.pk}/").content.decode()
    assert 'name="include_subtree"' in form
    assert "checked" in subtree_checkbox(form)


def test_translate_this_page_leaves_include_subtree_unticked_for_the_catalog(client, translator, course):
    client.force_login(translator)
    catalog = factories.catalog()
    form = client.get(f"/admin/localize/submit/page/{catalog.pk}/").content.decode()
    assert "checked" not in subtree_checkbox(form)


def test_a_translator_submits_a_course_and_lands_in_the_translation_editor(client, translator, course):
    client.force_login(translator)
    response = submit_into(client, course, "es", include_subtree="on")
    spanish = course.get_translation(Locale.objects.get(language_code="es"))
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{spanish.pk}/edit/"
    editor = client.get(response["Location"])
    assert editor.status_code == 200
    assert b"js-translation-editor" in editor.content
    assert b"data-aula-submit-for-review" in editor.content
    # the sections and resources came too, and nothing is live in Spanish yet
    assert SectionPage.objects.descendant_of(spanish).count() == 2
    assert ResourcePage.objects.descendant_of(spanish).count() == 4
    spanish_course = Page.objects.descendant_of(spanish, inclusive=True)
    assert spanish_course.count() == 7
    assert not spanish_course.filter(live=True).exists()


def test_the_translator_submits_for_review_and_a_moderator_publishes(client, translator, course):
    client.force_login(translator)
    submit_into(client, course, "es", include_subtree="on")
    spanish = course.get_translation(Locale.objects.get(language_code="es")).specific
    response = client.post(f"/admin/translations/{translation_id(spanish)}/submit-for-review/")
    assert response.status_code == 302
    spanish.refresh_from_db()
    assert spanish.workflow_in_progress
    assert not spanish.live

    moderator = factories.moderator()
    client.force_login(moderator)
    state = WorkflowState.objects.get(object_id=str(spanish.pk), status="in_progress")
    task_state = state.current_task_state
    approved = client.post(f"/admin/pages/workflow/action/{spanish.pk}/approve/{task_state.pk}/", {"comment": ""})
    assert approved.status_code in (200, 302)
    spanish.refresh_from_db()
    assert spanish.live
    assert not Page.objects.descendant_of(spanish).filter(live=False).exists()  # the whole course, together
    course.refresh_from_db()
    assert course.title == "Python basics"


def translation_id(page):
    from wagtail_localize.models import Translation

    return Translation.objects.get(source__object_id=page.translation_key, target_locale=page.locale).pk


def test_a_translator_cannot_publish_a_translation(client, translator, course):
    client.force_login(translator)
    submit_into(client, course, "es", include_subtree="on")
    spanish = course.get_translation(Locale.objects.get(language_code="es"))
    response = client.post(f"/admin/pages/{spanish.pk}/edit/", {"action": "publish"})
    assert response.status_code in (302, 403)  # Wagtail: "Sorry, you do not have permission"
    spanish.refresh_from_db()
    assert not spanish.live


def test_submitting_a_missing_translation_is_not_found(client, translator):
    client.force_login(translator)
    response = client.post("/admin/translations/999999/submit-for-review/", follow=True)
    assert response.status_code == 404
    assert not WorkflowState.objects.exists()


def test_a_translator_cannot_submit_a_translation_of_a_page_outside_their_trees(client, translator, course, locales):
    """A French translation made by an admin under a tree the translator has no right on."""
    GroupPagePermission.objects.filter(group__name=TRANSLATORS, page=locales["fr"]).delete()
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    submit_into(client, course, "fr")
    french = course.get_translation(Locale.objects.get(language_code="fr"))
    client.force_login(translator)
    response = client.post(f"/admin/translations/{translation_id(french)}/submit-for-review/", follow=True)
    assert "You cannot edit this page." in response.content.decode()
    assert not WorkflowState.objects.exists()


def test_the_translation_editor_flags_a_source_published_again(client, translator, course):
    client.force_login(translator)
    submit_into(client, course, "es", include_subtree="on")
    spanish = course.get_translation(Locale.objects.get(language_code="es"))
    editor = client.get(f"/admin/pages/{spanish.pk}/edit/")
    assert b"data-aula-source-changed" not in editor.content
    course.title = "Python basics, second edition"
    factories.publish(course)
    editor = client.get(f"/admin/pages/{spanish.pk}/edit/")
    assert b"data-aula-source-changed" in editor.content
    assert b"/admin/localize/update/" in editor.content


def test_translators_explore_the_source_pages_to_translate_them(client, translator, course):
    client.force_login(translator)
    listing = client.get(f"/admin/pages/{course.get_parent().pk}/")
    assert listing.status_code == 200
    assert b"Python basics" in listing.content
    assert f"/admin/localize/submit/page/{course.pk}/".encode() in listing.content


def test_a_resource_published_in_the_source_course_reaches_its_translations_as_a_draft(client, translator, course):
    client.force_login(translator)
    submit_into(client, course, "es", include_subtree="on")
    section = SectionPage.objects.child_of(course).first()
    lesson = section.add_child(instance=ResourcePage(title="New lesson", slug="new-lesson", estimated_minutes=5))
    spanish = course.get_translation(Locale.objects.get(language_code="es"))
    assert not ResourcePage.objects.descendant_of(spanish).filter(slug="new-lesson").exists()  # a draft stays here
    factories.publish(lesson)
    copy = ResourcePage.objects.descendant_of(spanish).get(slug="new-lesson")
    assert not copy.live
    assert translation_id(copy)  # a wagtail-localize translation, in the translator's editor


def test_translators_are_students_on_the_public_site(client, translator, course):
    paid = factories.build_course(title="Paid", slug="paid", price="10.00")
    resource = ResourcePage.objects.descendant_of(paid).exclude(free_preview=True).first()
    client.force_login(translator)
    assert client.get(resource.url).status_code == 403
    assert Group.objects.get(name=TRANSLATORS) in translator.groups.all()
    assert isinstance(paid, CoursePage)


def test_a_translator_cannot_convert_a_translation_into_an_alias_of_the_original(client, translator, course):
    client.force_login(translator)
    submit_into(client, course, "es", include_subtree="on")
    spanish = course.get_translation(Locale.objects.get(language_code="es"))
    editor = client.get(f"/admin/pages/{spanish.pk}/edit/").content.decode()
    assert "convert_to_alias" not in editor
    client.post(f"/admin/localize/page/{spanish.pk}/convert_to_alias/", {})
    spanish.refresh_from_db()
    assert spanish.alias_of_id is None
