"""A second instructor, in the real Wagtail editor, is offered only their own course's
documents by the document chooser (issue 7: instructors choose only their own files)."""

import re

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect
from wagtail.documents import get_document_model

from courses.models import ResourcePage
from courses.tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-strong-password-1"


def course_with_handout(title, slug, teacher, handout):
    course = factories.build_course(title=title, slug=slug, price="25.00", owner=teacher)
    course.instructors.add(teacher)
    course.save()
    get_document_model().objects.create(
        title=handout, file=ContentFile(factories.PDF_BYTES, name=f"{slug}.pdf"), collection=course.collection
    )
    return course


def test_a_second_instructors_document_chooser_lists_only_their_courses_documents(page, live_url):
    from allauth.account.models import EmailAddress

    first = factories.instructor(email="first@example.org", password=PASSWORD)
    second = factories.instructor(email="second@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=second, email=second.email, verified=True, primary=True)
    course_with_handout("Paid course", "paid-course", first, "First's paid workbook")
    own = course_with_handout("Second course", "second-course", second, "Second's handout")
    resource = ResourcePage.objects.descendant_of(own).order_by("path")[1]

    page.goto(live_url + "/en/accounts/login/")
    page.get_by_label("Email").fill(second.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()

    page.goto(f"{live_url}/admin/pages/{resource.pk}/edit/")
    page.locator("[data-streamfield-stream-container] button[title='Insert a block']").first.click()
    page.get_by_role("option", name=re.compile("File download")).click()
    page.get_by_role("button", name=re.compile("Choose a document")).first.click()
    modal = page.locator(".modal-content")
    expect(modal.get_by_text("Second's handout")).to_be_visible(timeout=30000)
    expect(modal.get_by_text("First's paid workbook")).to_have_count(0)
