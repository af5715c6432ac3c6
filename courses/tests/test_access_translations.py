"""Roles × language versions: a translation never changes who opens what.

The English paid course is translated into French and Spanish with wagtail-localize (its
own TranslationCreator, as the "Translate" action does). Price, audit, free
preview and requirements are not overridable in the translation editor, and the access
rule, enrollment and progress read them from the course as authored, even when a
translation's row says otherwise (forced in the database here).
"""

import json
from html import unescape

import pytest
import wagtail_factories
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.models import GroupPagePermission, Locale
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from accounts.models import User
from accounts.roles import TRANSLATORS
from core.tests.built_once import built_once
from courses.learning import enrollment, progress
from courses.models import CourseMedia, CoursePage, Enrollment, ResourcePage
from home.tests.languages import translated_homes

from . import factories

pytestmark = pytest.mark.django_db

OPEN, REFUSED = 200, 403
ROLES = ["anonymous", "student", "enrolled", "auditor", "instructor", "second_instructor", "translator", "moderator"]
# role → (free preview resource, paid resource); the paid resource's video follows its page.
EXPECTED = {
    "anonymous": (OPEN, REFUSED),
    "student": (OPEN, REFUSED),
    "enrolled": (OPEN, OPEN),
    "auditor": (OPEN, OPEN),  # non-graded content
    "instructor": (OPEN, OPEN),
    "second_instructor": (OPEN, REFUSED),
    "translator": (OPEN, REFUSED),  # a student on the public site
    "moderator": (OPEN, OPEN),
}


def resources_of(course):
    return list(ResourcePage.objects.descendant_of(course).order_by("path"))


def translate(user, page, locale):
    """What the "Translate" action does (one wagtail-localize translation per page), then
    the translator's work published."""
    TranslationCreator(user, [locale]).create_translations(page)
    return factories.publish(page.get_translation(locale).specific)


def _build():
    """The English paid course (no audit): resource 1 is a free preview, resource 2 is paid
    (the "lab" alternative), each with a video; translated into French and Spanish by an
    administrator; its teacher, a second instructor and a translator of both languages."""
    homes = translated_homes()
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    translator = factories.UserFactory(groups=[TRANSLATORS])
    group = Group.objects.get(name=TRANSLATORS)
    change = Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page")
    for code in ("fr", "es"):  # the site admin gives translators each language's tree
        GroupPagePermission.objects.get_or_create(group=group, page=homes[code], permission=change)
    teacher = factories.instructor(display_name="Teacher One")
    other_teacher = factories.instructor(display_name="Teacher Two")
    paid_course = factories.paid_course(teacher)
    preview, paid, *_ = resources_of(paid_course)
    videos = {}
    for name, resource in (("preview", preview), ("paid", paid)):
        video = factories.CourseMediaFactory(file=ContentFile(b"\x00" * 2048, name=f"{name}.mp4"))
        resource.body = [("video", {"title": f"The {name} video", "video": video, "captions": []})]
        videos[name] = video.pk
        if name == "paid":  # an alternative: its group is a text field wagtail-localize could offer
            resource.requirement, resource.alternative_group = "alternative", "lab"
        factories.publish(resource)
    versions = {"en": paid_course.pk}
    for code in ("fr", "es"):
        locale = Locale.objects.get(language_code=code)
        translate(admin, factories.catalog(), locale)
        for page in [paid_course, *paid_course.get_descendants().order_by("path")]:
            translate(admin, page, locale)
        versions[code] = paid_course.get_translation(locale).pk
    users = {"admin_user": admin, "translator": translator, "teacher": teacher, "other_teacher": other_teacher}
    return {"versions": versions, "videos": videos, **{name: user.pk for name, user in users.items()}}


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker, tmp_path_factory):
    yield from built_once(django_db_blocker, tmp_path_factory, _build)


@pytest.fixture
def course(_built, db, settings):
    """({language: course page}, {"preview" | "paid": video}), read again for each test."""
    settings.MEDIA_ROOT = _built.media_root
    versions = {code: CoursePage.objects.get(pk=pk) for code, pk in _built["versions"].items()}
    return versions, {name: CourseMedia.objects.get(pk=pk) for name, pk in _built["videos"].items()}


def _built_user(name):
    """A fixture named ``name``: the user the module built under that name, read again."""

    @pytest.fixture(name=name)
    def user(_built, db):
        return User.objects.get(pk=_built[name])

    return user


admin_user, translator, teacher, other_teacher = map(
    _built_user, ("admin_user", "translator", "teacher", "other_teacher")
)


def force_free_in_the_database(french):
    """A French row made free before the fix, or by code: price 0, audit on, every
    resource a free preview, all resources alternatives of one group (one to complete)."""
    CoursePage.objects.filter(pk=french.pk).update(price=0, audit_allowed=True)
    ResourcePage.objects.descendant_of(french).update(
        free_preview=True, requirement="alternative", alternative_group="any"
    )


def user_for(role, course, teacher, other_teacher, translator):
    if role == "anonymous":
        return None
    if role == "instructor":
        return teacher
    if role == "second_instructor":
        return other_teacher
    if role == "translator":
        return translator
    if role == "moderator":
        return factories.moderator()
    user = factories.UserFactory()
    if role == "enrolled":
        enrollment.enroll(user, course, enrollment.Source.PURCHASE)
    elif role == "auditor":  # audited while the course allowed it
        Enrollment.objects.create(user=user, course_key=course.translation_key, course=course, source="audit")
    return user


@pytest.mark.parametrize("role", ROLES)
def test_roles_by_language(client, course, teacher, other_teacher, translator, role):
    """Each language version, then again once the French row has been forced free."""
    versions, videos = course
    user = user_for(role, versions["en"], teacher, other_teacher, translator)
    if user is not None:
        client.force_login(user)
    for language in ("en", "fr", "es", "forced fr"):
        if language == "forced fr":
            force_free_in_the_database(versions["fr"])
        preview, paid = resources_of(versions[language.split()[-1]])[:2]
        for column, (name, resource) in enumerate((("preview", preview), ("paid", paid))):
            expected = EXPECTED[role][column]
            assert client.get(resource.url).status_code == expected, f"{role}: {language} {name} resource"
            assert client.get(videos[name].url).status_code == expected, f"{role}: the {name} video ({language})"


def test_a_french_copy_made_free_in_the_database_opens_nothing_paid(client, course, student):
    versions, videos = course
    french = versions["fr"]
    force_free_in_the_database(french)
    client.force_login(student)
    french_paid = resources_of(french)[1]
    assert client.get(french_paid.url).status_code == REFUSED
    for mode in ("free", "audit"):
        client.post(f"/en/learn/{french.pk}/enroll/", {"mode": mode})
    assert not Enrollment.objects.filter(user=student).exists()
    assert client.get(videos["paid"].url).status_code == REFUSED
    html = client.get(french.url).content.decode()
    assert "49" in html and "Enroll for free" not in html and "Audit for free" not in html


def test_progress_counts_the_source_requirements_in_every_language(course, student):
    versions, _videos = course
    enrollment.enroll(student, versions["en"], enrollment.Source.PURCHASE)
    force_free_in_the_database(versions["fr"])  # "any one resource completes" in French
    first = resources_of(versions["fr"])[0]
    progress.mark_complete(student, first)
    assert progress.course_progress(student, versions["fr"]).total == 4
    assert progress.course_progress(student, versions["fr"]).percent == 25
    assert progress.course_progress(student, versions["en"]).percent == 25


# --- wagtail-localize's own editor ------------------------------------------------------


def editor_segments(client, page):
    """The synchronised values the translation editor offers for ``page`` (its props)."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('data-props="') + len('data-props="')
    props = json.loads(unescape(html[start : html.index('"', start)]))
    return {s["contentPath"]: s for s in props["segments"] if s["type"] == "synchronised_value"}


def test_the_translation_editor_offers_no_override_of_the_rules(client, course, admin_user):
    """wagtail-localize offers an override for every overridable synchronised text field
    (and chooser in the body); none of them may be a rule field."""
    versions, _videos = course
    client.force_login(admin_user)
    rules = {"price", "audit_allowed", "free_preview", "requirement", "alternative_group"}
    for page in (versions["fr"], *resources_of(versions["fr"])[:2]):
        offered = set(editor_segments(client, page))
        assert not rules & offered, page
    assert any(path.endswith(".video") for path in editor_segments(client, resources_of(versions["fr"])[1]))


def test_overrides_posted_to_the_editor_cannot_change_the_rules(client, course, admin_user, student):
    """Post what the editor posts (its override API) for every rule field it offers and
    publish: the rules stay the source's, and the override API still works for the rest."""
    versions, videos = course
    french = versions["fr"]
    french_paid = resources_of(french)[1]
    client.force_login(admin_user)
    attempts = {"price": "0", "audit_allowed": "true", "free_preview": "true", "alternative_group": "no-group"}
    for page in (french, french_paid):
        offered = editor_segments(client, page)
        for path, value in attempts.items():
            if path in offered:
                client.put(offered[path]["editUrl"], f"value={value}", "application/x-www-form-urlencoded")
        video = (
            next(segment for path, segment in offered.items() if path.endswith(".video"))
            if page is french_paid
            else None
        )
        if video is not None:  # an allowed override: the French video is another file
            other = factories.CourseMediaFactory(file=ContentFile(b"\x00" * 2048, name="french.mp4"))
            response = client.put(video["editUrl"], f"value={other.pk}", "application/x-www-form-urlencoded")
            assert response.status_code == 201
        response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"})
        assert response.status_code == 302
    french.refresh_from_db()
    french_paid.refresh_from_db()
    assert french_paid.body[0].value["video"].pk == other.pk  # the editor's override applied
    assert (french.price, french.audit_allowed) == (49, False)
    assert (french_paid.free_preview, french_paid.alternative_group) == (False, "lab")
    client.force_login(student)
    client.post(f"/en/learn/{french.pk}/enroll/", {"mode": "free"})
    assert not Enrollment.objects.exists()
    assert client.get(french_paid.url).status_code == REFUSED
    assert client.get(other.url).status_code == REFUSED


def test_translator_still_previews_a_paid_resource_in_the_editor(client, course, translator):
    versions, _videos = course
    french_paid = resources_of(versions["fr"])[1]
    client.force_login(translator)
    assert client.get(french_paid.url).status_code == REFUSED  # the public site
    translation = Translation.objects.get(
        source__object_id=french_paid.translation_key, target_locale=french_paid.locale
    )
    assert editor_segments(client, french_paid)  # the translation editor opens
    response = client.get(reverse("wagtail_localize:preview_translation", args=[translation.pk]))
    assert response.status_code == 200
    assert 'class="resource-body"' in response.content.decode()


def edit_form_data(page, user, **changes):
    """What the page editor posts: every field as the editor shows it, then ``changes``."""
    form_class = page.specific_class.get_edit_handler().get_form_class()
    form = form_class(instance=page, for_user=user)
    data = {}
    from wagtail.blocks.base import BlockField
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, BlockField):  # a StreamField of plain text items (the landing page's lists)
            data.update(nested_form_data({name: streamfield([(b.block_type, b.value) for b in value or []])}))
            continue
        if value is None or value is False:
            continue
        if isinstance(value, (list, tuple)):
            data[name] = [str(v) for v in value]
        else:  # as the widget renders it (rich text is Draftail's JSON)
            data[name] = field.widget.format_value(value) or ""
    for formset in form.formsets.values():
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
    data.update(changes)
    return data


def test_a_translation_edited_in_the_page_editor_keeps_the_source_rules(client, course, admin_user):
    """Once a translation is no longer synced, the page editor shows the rule fields but
    posting other values changes nothing (the fields are the source's)."""
    versions, _videos = course
    french = versions["fr"]
    client.force_login(admin_user)
    translation = Translation.objects.get(source__object_id=french.translation_key, target_locale=french.locale)
    client.post(reverse("wagtail_localize:stop_translation", args=[translation.pk]))
    french.cover_image = wagtail_factories.ImageFactory()  # the publish checklist wants one
    french.save_revision()
    data = edit_form_data(french, admin_user, price="0", audit_allowed="on", title="Cours payant")
    data["action-publish"] = "action-publish"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[french.pk]), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    french.refresh_from_db()
    assert french.title == "Cours payant"
    assert (french.price, french.audit_allowed) == (49, False)
