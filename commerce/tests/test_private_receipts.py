"""Receipts are kept in private storage, never under public media, and served only through
the receipt view (buyer and staff); receipts kept in public media by an earlier version keep
working and move (issue 21, item 8). Who may open one: courses/tests/test_access_matrix.py."""

import importlib
import os

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from commerce.models import Order
from courses.storage import private_media_root, private_storage

from .helpers import check_out, dev_pay

OLD_PDF = b"%PDF-1.4 a receipt rendered by an earlier version"


def public_path(name):
    return os.path.join(settings.MEDIA_ROOT, name)


def test_a_receipt_is_kept_in_private_storage_and_served_privately(
    buyer_client, course_a, django_capture_on_commit_callbacks
):
    _response, order = check_out(buyer_client, course_a)
    with django_capture_on_commit_callbacks(execute=True):
        dev_pay(buyer_client, order)
    invoice = order.invoices.get(kind="invoice")  # the receipt is the order's invoice
    name = invoice.pdf.name
    assert name and not os.path.exists(public_path(name))
    assert os.path.realpath(invoice.pdf.path).startswith(os.path.realpath(private_media_root()) + os.sep)
    assert invoice.pdf.url == ""  # no public address at all
    response = buyer_client.get(reverse("commerce:receipt_pdf", args=[order.pk]), follow=True)
    assert response.redirect_chain[0][0] == reverse("commerce:invoice_pdf", args=[order.pk, invoice.number])
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def receipt_left_in_public_media(order):
    name = default_storage.save(f"receipts/receipt-{order.number}.pdf", ContentFile(OLD_PDF))
    Order.objects.filter(pk=order.pk).update(receipt_pdf=name)
    return name


def test_a_receipt_left_in_public_media_keeps_working_and_moves(buyer_client, course_a):
    _response, order = check_out(buyer_client, course_a)
    dev_pay(buyer_client, order)
    name = receipt_left_in_public_media(order)
    response = buyer_client.get(reverse("commerce:receipt_pdf", args=[order.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == OLD_PDF
    assert not os.path.exists(public_path(name))
    assert private_storage.open(Order.objects.get(pk=order.pk).receipt_pdf.name).read() == OLD_PDF


def test_the_migration_moves_receipts_out_of_public_media(buyer_client, course_a, course_b):
    _response, kept = check_out(buyer_client, course_a)
    dev_pay(buyer_client, kept)
    _response, lost = check_out(buyer_client, course_b)
    dev_pay(buyer_client, lost)
    name = receipt_left_in_public_media(kept)
    Order.objects.filter(pk=lost.pk).update(receipt_pdf="receipts/receipt-gone.pdf")
    migration = importlib.import_module("commerce.migrations.0005_private_receipts")
    migration.to_private(apps, None)
    assert not os.path.exists(public_path(name))
    assert private_storage.open(Order.objects.get(pk=kept.pk).receipt_pdf.name).read() == OLD_PDF
    assert Order.objects.get(pk=lost.pk).receipt_pdf.name == ""  # rendered again when asked for
