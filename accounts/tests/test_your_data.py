"""Your data: a learner asks for their data on the profile's page, gets a link by
e-mail, downloads one zip (personal-data.json, their certificate PDFs, invoices); the link
is theirs alone, expires, and the requests are limited. Then they delete their account:
password again, the certificates' choice, and what is erased and kept."""

import io
import json
import re
import uuid
import zipfile
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.data_export import remove_expired_exports
from accounts.models import DataExport
from accounts.roles import EDITORS
from accounts.tests.factories import PASSWORD, UserFactory
from certificates.models import Certificate
from certificates.tests.factories import complete_course
from commerce.models import Order
from commerce.tests.helpers import check_out, dev_pay
from courses.models import Enrollment, ResourcePage, Review
from courses.tests.factories import build_course, catalog, publish
from discussions.tests.factories import PostFactory, ThreadFactory
from notifications.models import Notification, Preference

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_request_commits", "signing_key")]


@pytest.fixture
def signing_key(settings):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    settings.AULA_CERTIFICATE_SIGNING_KEY = key.decode()
    settings.SITE_URL = "http://testserver"


@pytest.fixture
def learner(db):
    return UserFactory(email="ada@example.org", display_name="Ada Lovelace", verified=True)


@pytest.fixture
def browser(learner):
    client = Client()
    client.force_login(learner)
    return client


@pytest.fixture
def active_learner(learner, browser, settings, django_capture_on_commit_callbacks):
    """Ada completed a free course (certificate), reviewed it, bought a paid one (invoice),
    posted in a discussion and chose a notification preference."""
    settings.AULA_DEV_PAYMENTS = True
    catalog()
    free = publish(build_course(title="Free course", slug="free-course", price=0))
    paid = publish(build_course(title="Paid course", slug="paid-course", price="49.00"))
    with django_capture_on_commit_callbacks(execute=True):
        complete_course(learner, free)
    Review.objects.create(user=learner, course=free, course_key=free.translation_key, rating=5, comment="Lovely")
    _response, order = check_out(browser, paid)
    dev_pay(browser, order)
    resource = ResourcePage.objects.descendant_of(free).first()
    PostFactory(author=learner, thread=ThreadFactory(page=resource), body="My own question")
    Preference.objects.create(user=learner, kind="certificates.ready", channel="email", enabled=False)
    mail.outbox.clear()
    return learner


def ask_for_export(browser):
    return browser.post(reverse("accounts_request_export"), follow=True)


def link_in(message):
    return re.search(r"http://testserver(/\S+/profile/data/export/\S+/)", message.body).group(1)


def zip_of(response):
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_profile_leads_to_your_data(browser):
    page = browser.get(reverse("accounts_profile"))
    assert reverse("accounts_your_data") in page.content.decode()
    assert "Download your data" in browser.get(reverse("accounts_your_data")).content.decode()


def test_a_learner_gets_everything_in_one_zip_through_an_emailed_link(active_learner, browser):
    response = ask_for_export(browser)
    assert "We are preparing your data" in response.content.decode()
    (message,) = mail.outbox
    assert message.to == ["ada@example.org"]
    download = browser.get(link_in(message))
    assert download.status_code == 200
    assert "no-store" in download["Cache-Control"]
    archive = zip_of(download)
    data = json.loads(archive.read("personal-data.json"))
    assert data["account"]["account"]["email"] == "ada@example.org"
    assert data["account"]["email_addresses"][0]["email"] == "ada@example.org"
    assert {row["course__title"] for row in data["courses"]["enrollments"]} == {"Free course", "Paid course"}
    assert data["courses"]["reviews"][0]["comment"] == "Lovely"
    assert data["courses"]["completed_resources"]
    assert data["certificates"]["certificates"][0]["holder_name"] == "Ada Lovelace"
    assert data["commerce"]["orders"][0]["status"] == "paid"
    assert data["discussions"]["posts"][0]["body"] == "My own question"
    assert data["notifications"]["preferences"][0]["kind"] == "certificates.ready"
    names = archive.namelist()
    assert any(name.startswith("files/certificates/") and name.endswith(".pdf") for name in names)
    assert any(name.startswith("files/invoices/") for name in names)


def test_the_export_never_holds_an_answer_key(learner, browser):
    from assessments.models import Answer, Attempt

    attempt = Attempt.objects.create(
        user=learner, course_key=uuid.uuid4(), resource_key=uuid.uuid4(), evaluation_id="quiz", number=1,
        snapshot={"questions": [{"id": "q1", "answer": "SECRET-KEY"}]},
    )  # fmt: skip
    Answer.objects.create(attempt=attempt, question_id="q1", response={"value": "my guess"})
    ask_for_export(browser)
    text = zip_of(browser.get(link_in(mail.outbox[0]))).read("personal-data.json").decode()
    assert "my guess" in text
    assert "SECRET-KEY" not in text


def test_the_link_opens_for_its_owner_only(active_learner, browser):
    ask_for_export(browser)
    link = link_in(mail.outbox[0])
    someone = Client()
    someone.force_login(UserFactory())
    refused = someone.get(link)
    assert refused.status_code == 403
    assert "belongs to another account" in refused.content.decode()
    anonymous = Client().get(link)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    assert browser.get(link).status_code == 200  # still there for its owner


def test_a_damaged_link_is_refused_clearly(browser):
    refused = browser.get(reverse("accounts_data_export_download", args=["not-a-real-token"]))
    assert refused.status_code == 403
    assert "not valid" in refused.content.decode()


def test_an_expired_link_is_refused_and_its_file_deleted(learner, browser, settings):
    ask_for_export(browser)
    link = link_in(mail.outbox[0])
    export = DataExport.objects.get(user=learner)
    storage, name = export.file.storage, export.file.name
    assert storage.exists(name)
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    refused = browser.get(link)
    assert refused.status_code == 403
    assert "expired" in refused.content.decode()
    assert not storage.exists(name)
    assert DataExport.objects.get(pk=export.pk).status == DataExport.Status.EXPIRED


def test_the_schedule_removes_expired_exports(learner, browser):
    ask_for_export(browser)
    export = DataExport.objects.get(user=learner)
    storage, name = export.file.storage, export.file.name
    assert remove_expired_exports() == 0
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert remove_expired_exports() == 1
    assert not storage.exists(name)


def test_a_second_request_while_one_is_prepared_is_refused(learner, browser):
    DataExport.objects.create(user=learner)  # one in the queue, not built yet
    response = ask_for_export(browser)
    assert "already being prepared" in response.content.decode()
    assert DataExport.objects.filter(user=learner).count() == 1
    assert mail.outbox == []


def test_requests_are_limited_to_one_per_interval(learner, browser, settings):
    settings.AULA_DATA_EXPORT_INTERVAL_HOURS = 24
    ask_for_export(browser)
    response = ask_for_export(browser)
    assert "You can ask again in 24 hours" in response.content.decode()
    assert DataExport.objects.filter(user=learner).count() == 1
    assert len(mail.outbox) == 1


def test_asking_for_an_export_needs_a_post(browser):
    assert browser.get(reverse("accounts_request_export")).status_code == 405


# --- Deleting the account ------------------------------------------------------------------


def delete(browser, password=PASSWORD, certificates="revoke"):
    return browser.post(reverse("accounts_delete"), {"password": password, "certificates": certificates}, follow=True)


def test_a_wrong_password_deletes_nothing(active_learner, browser):
    response = delete(browser, password="not-my-password")
    assert response.status_code == 200
    assert "incorrect" in response.content.decode().lower()
    active_learner.refresh_from_db()
    assert active_learner.deleted_at is None and active_learner.email == "ada@example.org"
    assert Enrollment.objects.filter(user=active_learner).count() == 2


def test_the_certificates_choice_is_required(active_learner, browser):
    response = browser.post(reverse("accounts_delete"), {"password": PASSWORD})
    assert response.status_code == 200
    assert get_user_model().objects.get(pk=active_learner.pk).deleted_at is None


def test_deleting_erases_personal_data_and_keeps_the_accounts(active_learner, browser):
    order = Order.objects.get(user=active_learner)
    response = delete(browser)
    assert "Your account has been deleted" in response.content.decode()
    account = get_user_model().objects.get(pk=active_learner.pk)
    assert account.deleted_at is not None and not account.is_active
    assert account.email.endswith("@deleted.invalid") and account.display_name == ""
    assert not account.has_usable_password()
    assert str(account) == "deleted user"
    assert not EmailAddress.objects.filter(user=account).exists()
    assert not Enrollment.objects.filter(user=account).exists()
    assert not Review.objects.filter(user=account).exists()
    assert not Notification.objects.filter(recipient=account).exists()
    assert not Preference.objects.filter(user=account).exists()
    kept = Order.objects.get(pk=order.pk)  # accounting keeps the order and its invoice
    assert kept.user_id == account.pk and kept.invoices.exists()
    # Logged out, and cannot log in again.
    assert browser.get(reverse("accounts_profile")).status_code == 302
    assert not Client().login(email="ada@example.org", password=PASSWORD)


def test_revoked_certificates_lose_their_holder_and_pdf(active_learner, browser):
    certificate = Certificate.objects.get(user=active_learner)
    delete(browser, certificates="revoke")
    certificate.refresh_from_db()
    assert certificate.is_revoked and certificate.holder_name != "Ada Lovelace"
    assert not certificate.pdf
    page = Client().get(certificate.verification_path(), follow=True)
    assert page.status_code == 200
    assert "Ada Lovelace" not in page.content.decode()


def test_kept_certificates_stay_verifiable_with_the_name_as_issued(active_learner, browser):
    certificate = Certificate.objects.get(user=active_learner)
    delete(browser, certificates="keep")
    certificate.refresh_from_db()
    assert not certificate.is_revoked and certificate.holder_name == "Ada Lovelace"


def test_discussion_posts_stay_as_written_by_deleted_user(active_learner, browser):
    from discussions.models import Post

    delete(browser)
    post = Post.objects.select_related("author").get(body="My own question")
    assert post.author.get_display_name() == "deleted user"


def test_the_same_address_can_sign_up_again(active_learner, browser):
    delete(browser)
    response = Client().post(
        reverse("account_signup"),
        {"email": "ada@example.org", "password1": "another-strong-pass-9", "password2": "another-strong-pass-9"},
    )
    assert response.status_code == 302
    fresh = get_user_model().objects.get(email="ada@example.org")
    assert fresh.pk != active_learner.pk and fresh.deleted_at is None


def test_deleting_twice_is_refused_and_changes_nothing(active_learner):
    from accounts.account_deletion import delete_account
    from accounts.exceptions import AccountError

    delete_account(active_learner)
    deleted_at = get_user_model().objects.get(pk=active_learner.pk).deleted_at
    with pytest.raises(AccountError, match="already been deleted"):
        delete_account(active_learner)
    assert get_user_model().objects.get(pk=active_learner.pk).deleted_at == deleted_at


def test_the_delete_page_needs_a_login(db):
    response = Client().get(reverse("accounts_delete"))
    assert response.status_code == 302 and "login" in response["Location"]


# --- Administrators, on request ---------------------------------------------------------------


@pytest.fixture
def admin_browser(admin_user):
    client = Client()
    client.force_login(admin_user)
    return client


def test_an_administrator_exports_for_a_learner_who_gets_the_link(admin_browser, learner, browser):
    url = reverse("wagtailusers_users:learner_action", args=[learner.pk, "export-data"])
    response = admin_browser.post(url, follow=True)
    assert "is being prepared" in response.content.decode()
    (message,) = mail.outbox
    assert message.to == ["ada@example.org"]
    assert admin_browser.get(link_in(message)).status_code == 403  # the owner's alone
    assert browser.get(link_in(message)).status_code == 200


def test_an_administrator_deletes_an_account_after_confirming(admin_browser, active_learner):
    url = reverse("wagtailusers_users:learner_delete", args=[active_learner.pk])
    assert "cannot be undone" in admin_browser.get(url).content.decode()
    unconfirmed = admin_browser.post(url, {"certificates": "keep"})
    assert unconfirmed.status_code == 200
    assert get_user_model().objects.get(pk=active_learner.pk).deleted_at is None
    response = admin_browser.post(url, {"certificates": "keep", "confirm": "on"}, follow=True)
    assert "is deleted" in response.content.decode()
    assert get_user_model().objects.get(pk=active_learner.pk).deleted_at is not None
    again = admin_browser.get(url)
    assert "already been deleted" in again.content.decode()
    twice = admin_browser.post(url, {"certificates": "keep", "confirm": "on"}, follow=True)
    assert "already been deleted" in twice.content.decode()


def test_someone_who_may_not_manage_people_cannot_delete_or_export(learner):
    staff = UserFactory(groups=[EDITORS])  # in the admin, but no people manager
    client = Client()
    client.force_login(staff)
    delete_url = reverse("wagtailusers_users:learner_delete", args=[learner.pk])
    assert client.post(delete_url, {"certificates": "keep", "confirm": "on"}).status_code == 403
    export_url = reverse("wagtailusers_users:learner_action", args=[learner.pk, "export-data"])
    assert client.post(export_url).status_code == 403
    assert get_user_model().objects.get(pk=learner.pk).deleted_at is None
    assert not DataExport.objects.exists()


def test_a_build_that_fails_leaves_nothing_and_may_be_asked_again(learner, browser, monkeypatch):
    import accounts.data_export

    def broken(user):
        raise OSError("disk full")

    working = accounts.data_export.build_zip
    monkeypatch.setattr(accounts.data_export, "build_zip", broken)
    with pytest.raises(OSError):  # the job fails (in-process in tests; a worker records it)
        ask_for_export(browser)
    export = DataExport.objects.get(user=learner)
    assert export.status == DataExport.Status.FAILED and not export.file
    assert mail.outbox == []
    monkeypatch.setattr(accounts.data_export, "build_zip", working)  # the disk has room again
    response = ask_for_export(browser)
    assert "We are preparing your data" in response.content.decode()
    assert len(mail.outbox) == 1
