"""Writing posts the Wagtail way: Editors publish; Instructors write posts that go to the
"Blog review" workflow (Editors and Moderators approve); Translators translate posts in
wagtail-localize and never publish."""

import pytest
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from accounts.tests.factories import UserFactory
from blog.models import BlogPage

from .factories import BlogAuthorFactory, post

pytestmark = pytest.mark.django_db


def post_form(title="A new post", slug="a-new-post", **overrides):
    data = {
        "title": title,
        "slug": slug,
        "excerpt": "What it is about.",
        "date": "2026-12-01",
        "tags": "video, captions",
        "cover_alt": "",
        "body": streamfield([("rich_text", rich_text("<p>Hello readers.</p>"))]),
        "comments": inline_formset([]),
        "comments_open": "on",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(blog):
    return f"/admin/pages/add/blog/blogpage/{blog.pk}/"


@pytest.fixture
def editor():
    return UserFactory(email="eda@example.com", groups=["Editors"])


@pytest.fixture
def instructor():
    return UserFactory(email="iris@example.com", groups=["Instructors"])


def test_an_editor_writes_and_publishes_a_post(client, en_blog, editor):
    client.force_login(editor)
    author = BlogAuthorFactory()
    response = client.post(add_url(en_blog), {**post_form(author=str(author.pk)), "action-publish": "publish"})
    assert response.status_code == 302, response.content.decode()[:2000]
    page = BlogPage.objects.get(slug="a-new-post")
    assert page.live and page.author == author
    assert sorted(page.tags.names()) == ["captions", "video"]
    assert client.get(page.url).status_code == 200


def test_an_instructors_post_goes_to_review_and_an_editor_approves_it(client, en_blog, instructor, editor):
    client.force_login(instructor)
    response = client.post(add_url(en_blog), {**post_form(), "action-submit": "submit"})
    assert response.status_code == 302, response.content.decode()[:2000]
    page = BlogPage.objects.get(slug="a-new-post")
    assert not page.live
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.workflow.name == "Blog review"

    client.force_login(editor)
    task_state = state.current_task_state
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        {**post_form(), "action-workflow-action": "true", "workflow-action-name": "approve"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    task_state.refresh_from_db()
    page.refresh_from_db()
    assert page.live


def test_an_instructor_cannot_publish_even_by_forging_the_button(client, en_blog, instructor):
    client.force_login(instructor)
    client.post(add_url(en_blog), {**post_form(), "action-publish": "publish"})
    page = BlogPage.objects.get(slug="a-new-post")
    assert not page.live


def test_an_instructor_edits_only_their_own_posts(client, en_blog, instructor):
    someone_elses = post()
    client.force_login(instructor)
    assert client.get(f"/admin/pages/{someone_elses.pk}/edit/").status_code in (302, 403)
    client.post(add_url(en_blog), {**post_form(), "action-submit": "submit"})
    mine = BlogPage.objects.get(slug="a-new-post")
    assert client.get(f"/admin/pages/{mine.pk}/edit/").status_code == 200


def test_a_translator_translates_a_post_and_submits_it_for_review(client, en_blog, locales):
    from core.translations import fill_translation

    translator = UserFactory(email="tomas@example.com", groups=["Translators"])
    source = post(title="Captions for everyone")
    translation = fill_translation(source, locales["es"].locale, {"Captions for everyone": "Subtítulos"}, publish=False)
    client.force_login(translator)
    assert client.get(f"/admin/pages/{translation.pk}/edit/").status_code == 200  # wagtail-localize's editor
    assert client.get(f"/admin/pages/{source.pk}/edit/").status_code in (302, 403)  # never the source
    assert not translation.live and translation.title == "Subtítulos"
