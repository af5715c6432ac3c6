"""Every role against every kind of resource, page and file, through the public URLs.

A graded resource is one with a block that declares graded completion (the assessments
app's evaluation block); until it arrives, the test settings contribute a stand-in
(lms_site/settings/stand_in_blocks.py) the way that app will."""

import pytest
from django.core.files.base import ContentFile

from courses.learning import enrollment
from courses.models import ResourcePage

from . import factories

# The teachers, the student and both courses are built once for this module (courses/tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("courses_built_once")]

OPEN, REFUSED = 200, 403

# role → (free preview, normal resource, graded resource); files follow their page.
EXPECTED = {
    "anonymous": (OPEN, REFUSED, REFUSED),
    "signed_in": (OPEN, REFUSED, REFUSED),
    "auditor": (OPEN, OPEN, REFUSED),
    "enrolled": (OPEN, OPEN, OPEN),
    "instructor": (OPEN, OPEN, OPEN),
    "other_instructor": (OPEN, REFUSED, REFUSED),
    "moderator": (OPEN, OPEN, OPEN),
    "admin": (OPEN, OPEN, OPEN),
}


@pytest.fixture
def course(paid_course):
    paid_course.audit_allowed = True
    factories.publish(paid_course)
    preview, normal, graded = list(ResourcePage.objects.descendant_of(paid_course).order_by("path"))[:3]
    files = {}
    for name, resource in (("preview", preview), ("normal", normal), ("graded", graded)):
        item = factories.CourseMediaFactory(file=ContentFile(b"\x00" * 2048, name=f"{name}.mp4"))
        body = [("video", {"video": item, "captions": []})]
        if name == "graded":
            body.append(("graded_exercise", "Quiz goes here"))
        resource.body = body
        resource.free_preview = name == "preview"
        factories.publish(resource)
        files[name] = (resource, item)
    return paid_course, files


def user_for(role, course, teacher, other_teacher):
    if role == "anonymous":
        return None
    if role == "instructor":
        return teacher
    if role == "other_instructor":
        return other_teacher
    if role == "moderator":
        return factories.moderator()
    if role == "admin":
        return factories.UserFactory(is_superuser=True, is_staff=True)
    user = factories.UserFactory()
    if role == "auditor":
        enrollment.enroll(user, course, enrollment.Source.AUDIT)
    elif role == "enrolled":
        enrollment.enroll(user, course, enrollment.Source.PURCHASE)
    return user


@pytest.mark.parametrize("role", list(EXPECTED))
def test_access_matrix(client, course, teacher, other_teacher, role):
    course_page, files = course
    user = user_for(role, course_page, teacher, other_teacher)
    if user is not None:
        client.force_login(user)
    for column, name in enumerate(("preview", "normal", "graded")):
        resource, item = files[name]
        expected = EXPECTED[role][column]
        page_status = client.get(resource.url).status_code
        file_status = client.get(item.url).status_code
        assert (name, page_status) == (name, expected), f"{role} opening the {name} resource page"
        assert (name, file_status) == (name, expected), f"{role} fetching the {name} resource's video"


def test_refusals_say_what_to_do(client, course, student):
    _course, files = course
    resource, _item = files["normal"]
    assert "Log in" in client.get(resource.url).content.decode()
    client.force_login(student)
    assert "Buy the course" in client.get(resource.url).content.decode()


def test_auditor_is_told_graded_work_is_not_included(client, course, student):
    course_page, files = course
    enrollment.enroll(student, course_page, enrollment.Source.AUDIT)
    client.force_login(student)
    html = client.get(files["graded"][0].url).content.decode()
    assert "Graded work is not part of auditing" in html


def test_free_course_resources_need_enrollment_with_one_click(client, free_course, student):
    normal = list(ResourcePage.objects.descendant_of(free_course).order_by("path"))[1]
    client.force_login(student)
    response = client.get(normal.url)
    assert response.status_code == 403
    assert "Enroll for free" in response.content.decode()
    response = client.post(f"/en/learn/{free_course.pk}/enroll/", {"mode": "free", "next": normal.url})
    assert response["Location"] == normal.url
    assert client.get(normal.url).status_code == 200


def test_a_resource_is_only_served_under_its_own_course(client, free_course, paid_course, student):
    """A resource page's URL is its place in the tree: another course's path does not
    reach it, and the resource refuses on its own course's terms."""
    paid_resource = list(ResourcePage.objects.descendant_of(paid_course).order_by("path"))[1]
    paid_resource.slug = "paid-only-lesson"
    factories.publish(paid_resource)
    enrollment.enroll(student, free_course, enrollment.Source.FREE)
    client.force_login(student)
    wrong_path = free_course.url + paid_resource.url.split(paid_course.url, 1)[1]
    assert client.get(wrong_path).status_code == 404
    assert client.get(paid_resource.url).status_code == 403


def test_per_user_pages_are_never_publicly_cached(client, course, student):
    course_page, files = course
    client.force_login(student)
    for url in (course_page.url, files["preview"][0].url):
        cache_control = client.get(url)["Cache-Control"]
        assert "private" in cache_control and "public" not in cache_control


# ---------------------------------------------------------------------------------------
# Course files: documents, video and captions in the paid course's collection, in every
# state a file can be in, against every role (issue 7). A file refused because no live
# page of its course opens it is a 404 (as if it did not exist); a file a live page opens
# but the visitor may not is a 403 that says why.

NOT_FOUND = 404
STAFF_ONLY = {"instructor": OPEN, "moderator": OPEN, "editor": OPEN, "admin": OPEN}
# file state → status for the roles not listed (default) and per role.
FILE_EXPECTED = {
    "video of a paid resource": (REFUSED, {**STAFF_ONLY, "enrolled": OPEN, "auditor": OPEN}),
    "captions of a paid resource": (REFUSED, {**STAFF_ONLY, "enrolled": OPEN, "auditor": OPEN}),
    "document of a paid resource": (REFUSED, {**STAFF_ONLY, "enrolled": OPEN, "auditor": OPEN}),
    "document of a free preview": (OPEN, {}),
    "document in a draft only": (NOT_FOUND, STAFF_ONLY),
    "document never used": (NOT_FOUND, STAFF_ONLY),
    "document removed from its resource": (NOT_FOUND, STAFF_ONLY),
    "document used by another course's free preview": (NOT_FOUND, STAFF_ONLY),
    "video never used": (NOT_FOUND, STAFF_ONLY),
    "captions never used": (NOT_FOUND, STAFF_ONLY),
    "document of a login-only free preview": (OPEN, {"anonymous": REFUSED}),
    # Images of the course's collection (issue 21): the original and the rendition a lesson shows.
    "image of a paid resource": (REFUSED, {**STAFF_ONLY, "enrolled": OPEN, "auditor": OPEN}),
    "rendition of an image of a paid resource": (REFUSED, {**STAFF_ONLY, "enrolled": OPEN, "auditor": OPEN}),
    "image of a free preview": (OPEN, {}),
    "image never used": (NOT_FOUND, STAFF_ONLY),
}
FILE_ROLES = [
    "anonymous", "signed_in", "auditor", "enrolled", "instructor", "other_instructor",
    "moderator", "editor", "translator", "admin",
]  # fmt: skip


def _document(course, name):
    from wagtail.documents import get_document_model

    return get_document_model().objects.create(
        title=name, file=ContentFile(factories.PDF_BYTES, name=f"{name.replace(' ', '-')}.pdf"),
        collection=course.collection,
    )  # fmt: skip


def _pdf(document):
    return ("pdf", {"title": "", "document": document})


def _image(course, name):
    import wagtail_factories

    return wagtail_factories.ImageFactory(title=name, collection=course.collection)


def _image_block(image):
    return ("image", {"image": {"image": image, "alt_text": "A diagram", "decorative": False}, "caption": ""})


def _url(item):
    """A file's link as pages show it: media, captions, documents and renditions have a
    ``url``; an image's original is linked by its file."""
    return item.url if hasattr(item, "url") else item.file.url


@pytest.fixture
def course_files(paid_course, other_teacher):
    from wagtail.models import PageViewRestriction

    paid_course.audit_allowed = True
    factories.publish(paid_course)
    preview, paid, changed, login_only = ResourcePage.objects.descendant_of(paid_course).order_by("path")[:4]
    own = paid_course.collection
    video = factories.CourseMediaFactory(collection=own)
    track = factories.CaptionTrackFactory(collection=own)
    files = {
        "video of a paid resource": video,
        "captions of a paid resource": track,
        "video never used": factories.CourseMediaFactory(collection=own),
        "captions never used": factories.CaptionTrackFactory(collection=own),
    }
    names = [name for name in FILE_EXPECTED if name.startswith("document")]
    files.update({name: _document(paid_course, name) for name in names})
    for name in ("image of a paid resource", "image of a free preview", "image never used"):
        files[name] = _image(paid_course, name)
    files["rendition of an image of a paid resource"] = files["image of a paid resource"].get_rendition("max-1200x800")

    preview.body = [_pdf(files["document of a free preview"]), _image_block(files["image of a free preview"])]
    factories.publish(preview)
    paid.body = [
        ("video", {"video": video, "captions": [track]}),
        ("file", {"document": files["document of a paid resource"], "label": "", "description": ""}),
        _image_block(files["image of a paid resource"]),
    ]
    factories.publish(paid)
    changed.body = [_pdf(files["document removed from its resource"])]
    factories.publish(changed)
    changed.body = [("rich_text", "<p>No more handout</p>")]
    factories.publish(changed)
    changed.body = [_pdf(files["document in a draft only"])]
    changed.save_revision()
    login_only.free_preview = True
    login_only.body = [_pdf(files["document of a login-only free preview"])]
    factories.publish(login_only)
    PageViewRestriction.objects.create(page=login_only, restriction_type=PageViewRestriction.LOGIN)

    # Instructor B builds a free preview in their own course around A's paid document.
    other = factories.build_course(title="Other course", slug="other-course", price=0, owner=other_teacher)
    other.instructors.add(other_teacher)
    other.save()
    trap = ResourcePage.objects.descendant_of(other).order_by("path").first()
    trap.body = [_pdf(files["document used by another course's free preview"])]
    factories.publish(trap)
    return files


def file_user_for(role, course, teacher, other_teacher):
    from accounts.roles import EDITORS, TRANSLATORS

    if role == "editor":
        return factories.UserFactory(groups=[EDITORS])
    if role == "translator":
        return factories.UserFactory(groups=[TRANSLATORS])
    return user_for(role, course, teacher, other_teacher)


@pytest.mark.parametrize("role", FILE_ROLES)
def test_course_files_matrix(client, paid_course, course_files, teacher, other_teacher, role):
    user = file_user_for(role, paid_course, teacher, other_teacher)
    if user is not None:
        client.force_login(user)
    got, expected = {}, {}
    for state, item in course_files.items():
        default, per_role = FILE_EXPECTED[state]
        expected[state] = per_role.get(role, default)
        got[state] = client.get(_url(item)).status_code
    assert got == expected, role


def test_a_language_version_of_the_course_opens_the_course_files(client, paid_course, locales):
    """Translations share the course's collection: a file the Spanish free preview uses is
    that course's material, opened through the Spanish page."""
    from wagtail.models import Locale

    spanish = Locale.objects.get(language_code="es")
    factories.catalog().copy_for_translation(spanish).save_revision().publish()
    preview = ResourcePage.objects.descendant_of(paid_course).order_by("path").first()
    document = _document(paid_course, "Manual")
    translated = preview.copy_for_translation(spanish, copy_parents=True)
    assert translated.get_parent().get_parent().specific.collection_id == paid_course.collection_id
    assert client.get(document.url).status_code == NOT_FOUND
    translated.body = [_pdf(document)]
    factories.publish(translated)
    assert client.get(document.url).status_code == OPEN


# ---------------------------------------------------------------------------------------
# Receipts (issue 21, item 8): a paid order's receipt PDF is its buyer's and staff's only,
# kept in private storage (nothing under MEDIA_ROOT, which a web server may publish whole)
# and served by the receipt view. Anonymous visitors are sent to log in.

LOGIN = 302
RECEIPT_EXPECTED = {
    "anonymous": LOGIN,
    "signed_in": NOT_FOUND,  # another student: as if it did not exist
    "buyer": OPEN,
    "instructor": NOT_FOUND,  # the course's own instructor: orders are not theirs to read
    "moderator": NOT_FOUND,
    "admin": OPEN,
    "order_viewer": OPEN,  # staff holding commerce.view_order
}


@pytest.fixture
def receipt(paid_course, student):
    from decimal import Decimal

    from commerce.models import Order, OrderLine

    order = Order.objects.create(
        user=student, status=Order.Status.PAID, currency="USD", subtotal=Decimal(49), total=Decimal(49)
    )
    OrderLine.objects.create(
        order=order, kind=OrderLine.Kind.COURSE, item_key=paid_course.translation_key, course=paid_course,
        title=paid_course.title, list_price=Decimal(49), amount=Decimal(49),
    )  # fmt: skip
    order.receipt_pdf.save("receipt.pdf", ContentFile(factories.PDF_BYTES))
    return order


def receipt_user_for(role, student, teacher):
    from django.contrib.auth.models import Permission

    if role == "buyer":
        return student
    if role == "order_viewer":
        viewer = factories.UserFactory(is_staff=True)
        viewer.user_permissions.add(Permission.objects.get(codename="view_order", content_type__app_label="commerce"))
        return viewer
    return user_for(role, None, teacher, None)


@pytest.mark.parametrize("role", list(RECEIPT_EXPECTED))
def test_receipts_matrix(client, settings, receipt, student, teacher, role):
    import os

    from django.urls import reverse

    user = receipt_user_for(role, student, teacher)
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("commerce:receipt_pdf", args=[receipt.pk]))
    assert response.status_code == RECEIPT_EXPECTED[role], role
    if response.status_code == LOGIN:
        assert "/accounts/login/" in response["Location"]
    assert receipt.receipt_pdf.url == ""  # no address outside the view
    assert not os.path.exists(os.path.join(settings.MEDIA_ROOT, receipt.receipt_pdf.name))


@pytest.mark.parametrize("kind", ["invoice", "credit_note"])
@pytest.mark.parametrize("role", list(RECEIPT_EXPECTED))
def test_invoices_and_credit_notes_matrix(client, settings, receipt, student, teacher, role, kind):
    """Invoices and credit notes (issue 26): the same rule as receipts, private storage only."""
    import os
    from decimal import Decimal

    from django.urls import reverse

    from commerce import invoicing

    invoice = invoicing.issue_invoice(receipt)
    if kind == "credit_note":
        invoice = invoicing.issue_credit_note(receipt, Decimal(10), title="Partial refund")
    invoice.pdf.save(f"{invoice.number}.pdf", ContentFile(factories.PDF_BYTES))
    user = receipt_user_for(role, student, teacher)
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("commerce:invoice_pdf", args=[receipt.pk, invoice.number]))
    assert response.status_code == RECEIPT_EXPECTED[role], role
    if response.status_code == LOGIN:
        assert "/accounts/login/" in response["Location"]
    assert invoice.pdf.url == ""  # no address outside the view
    assert not os.path.exists(os.path.join(settings.MEDIA_ROOT, invoice.pdf.name))


# ---------------------------------------------------------------------------------------
# The admin's ways to a course file (issue 21): the admin API's documents listing and
# wagtailmedia's usage page show a course's files to its staff only.

DENIED = "denied"  # a redirect to the login or the dashboard, or a 403: never the page
# role → (the admin API lists the course's document, the course video's usage page)
ADMIN_EXPECTED = {
    "anonymous": (DENIED, DENIED),
    "signed_in": (DENIED, DENIED),
    "enrolled": (DENIED, DENIED),
    "instructor": (True, OPEN),
    "other_instructor": (False, DENIED),
    "moderator": (True, OPEN),
    "admin": (True, OPEN),
}


def _admin_outcome(response):
    return response.status_code if response.status_code == OPEN else DENIED


@pytest.mark.parametrize("role", list(ADMIN_EXPECTED))
def test_admin_views_of_course_files_matrix(client, paid_course, course_files, teacher, other_teacher, role):
    user = file_user_for(role, paid_course, teacher, other_teacher)
    if user is not None:
        client.force_login(user)
    document = course_files["document of a paid resource"]
    video = course_files["video of a paid resource"]

    listing = client.get("/admin/api/main/documents/")
    listed = _admin_outcome(listing)
    if listed == OPEN:
        listed = document.pk in [item["id"] for item in listing.json()["items"]]
    detail = client.get(f"/admin/api/main/documents/{document.pk}/")
    usage = _admin_outcome(client.get(f"/admin/media/usage/{video.pk}/"))

    expected_listed, expected_usage = ADMIN_EXPECTED[role]
    assert (listed, usage) == (expected_listed, expected_usage), role
    assert (detail.status_code == OPEN) == (expected_listed is True), role


# ---------------------------------------------------------------------------------------
# Slide decks' PDFs (issue 27, item 6): made in the background, kept in private storage and
# served only to those the access rule lets open the deck's resource (not graded: auditors
# read it; a translator is a student on the public site).

DECK_EXPECTED = {
    "anonymous": (OPEN, REFUSED),
    "signed_in": (OPEN, REFUSED),
    "auditor": (OPEN, OPEN),
    "enrolled": (OPEN, OPEN),
    "instructor": (OPEN, OPEN),
    "other_instructor": (OPEN, REFUSED),
    "translator": (OPEN, REFUSED),
    "moderator": (OPEN, OPEN),
    "admin": (OPEN, OPEN),
}  # role → (deck of a free preview, deck of a paid resource)


@pytest.fixture
def deck_pdfs(paid_course, django_capture_on_commit_callbacks):
    from courses.models import SlideDeckPdf

    paid_course.audit_allowed = True
    factories.publish(paid_course)
    preview, paid = ResourcePage.objects.descendant_of(paid_course).order_by("path")[:2]
    slides = [{"text": "<p>A slide</p>", "image": None, "image_alt": "", "notes": "Say hello."}]
    links = []
    for resource in (preview, paid):
        resource.body = [("slides", {"title": f"Deck of {resource.title}", "slides": slides})]
        with django_capture_on_commit_callbacks(execute=True):  # the PDF job runs
            factories.publish(resource)
        row = SlideDeckPdf.objects.get(page=resource, status=SlideDeckPdf.Status.READY)
        links.append(f"/media-files/slides/{resource.pk}/{row.fingerprint}.pdf")
    return links


@pytest.mark.parametrize("role", list(DECK_EXPECTED))
def test_slide_deck_pdf_matrix(client, paid_course, deck_pdfs, teacher, other_teacher, role):
    user = file_user_for(role, paid_course, teacher, other_teacher)
    if user is not None:
        client.force_login(user)
    got = tuple(client.get(link).status_code for link in deck_pdfs)
    assert got == DECK_EXPECTED[role], role


def test_slide_deck_pdfs_are_stored_outside_the_public_media(deck_pdfs):
    from django.conf import settings

    from courses.models import SlideDeckPdf

    for row in SlideDeckPdf.objects.all():
        assert not row.file.path.startswith(str(settings.MEDIA_ROOT).rstrip("/") + "/")
        assert row.file.storage.url(row.file.name) == ""
