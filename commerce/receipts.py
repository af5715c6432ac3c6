"""Receipts of paid orders: a page (buyer and staff only), a PDF rendered by WeasyPrint in
the background (django-q2), and an e-mail in the buyer's language (the *Language of
e-mails* of their profile when they chose one, else the language they bought in).

The PDF is kept in private storage (``AULA_PRIVATE_MEDIA_ROOT``, like certificates), which
no web server publishes: the receipt view serves it to the buyer and staff only. A receipt
an earlier version left in public media (``MEDIA_ROOT/receipts/``) is moved there by the
migration, or when it is next asked for (``is_kept``).

The jobs may run more than once (the queue hands a job out again when its worker died):
the PDF is kept once rendered, and the buyer is told once per order (``notifications``)."""

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from caching.registry import renew_rows
from courses.storage import private_storage
from notifications.language import written_for
from notifications.sending import notify

from .exceptions import CommerceError
from .models import Order
from .refunds import buyer_notices

logger = logging.getLogger(__name__)


HAS_RECEIPT = (Order.Status.PAID, Order.Status.REFUNDED, Order.Status.DISPUTED)


def is_kept(order):
    """Whether ``order``'s receipt PDF is in private storage; one left in public media by an
    earlier version is moved there now (same name), so it keeps working."""
    name = order.receipt_pdf.name
    if not name:
        return False
    if private_storage.exists(name):
        return True
    if not default_storage.exists(name):
        return False  # lost: rendered again when asked for
    with default_storage.open(name, "rb") as public:
        kept = private_storage.save(name, public)
    default_storage.delete(name)
    if kept != name:
        Order.objects.filter(pk=order.pk).update(receipt_pdf=kept)
        order.receipt_pdf.name = kept
    return True


def can_see(user, order):
    return user.is_authenticated and (
        order.user_id == user.pk or user.is_superuser or user.has_perm("commerce.view_order")
    )


def buyer_language(order):
    """The profile's choice of e-mail language, else the language the order was placed in."""
    codes = dict(settings.LANGUAGES)
    chosen = getattr(order.user, "language", "")
    return chosen if chosen in codes else (order.language if order.language in codes else settings.LANGUAGE_CODE)


def render_pdf(order):
    """The receipt as PDF bytes, in the buyer's language."""
    from weasyprint import HTML

    with translation.override(buyer_language(order)):
        context = {"order": order, "site_url": settings.SITE_URL, "refund_notices": buyer_notices(order)}
        html = render_to_string("commerce/receipt_pdf.html", context)
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf()


def ensure_pdf(order_id):
    """Render and keep the receipt PDF of a paid order (a django-q2 task; idempotent)."""
    order = Order.objects.select_related("user").filter(pk=order_id).first()
    if order is None or order.status not in HAS_RECEIPT:
        return None
    if not is_kept(order):
        order.receipt_pdf.save(f"receipt-{order.number}.pdf", ContentFile(render_pdf(order)), save=False)
        Order.objects.filter(pk=order.pk).update(receipt_pdf=order.receipt_pdf.name)
        renew_rows(Order, [order])  # a queryset update: no save signal
    return order


def resend_receipt(order):
    """E-mail ``order``'s buyer their receipt again (staff, from the order's page), in the
    background. Raises CommerceError for an order that has no receipt (never paid)."""
    from django_q.tasks import async_task

    if order.status not in HAS_RECEIPT:
        raise CommerceError(_("This order was never paid: it has no receipt."))
    async_task("commerce.receipts.send_receipt", order.pk, again=True)


def send_receipt(order_id, again=False):
    """Tell the buyer their receipt is ready (a django-q2 task): the order's invoice is
    issued (``invoicing.issue_invoice``) and e-mailed with its PDF, in their language, once
    per order (``notifications``, kind ``commerce.receipt``); ``again``: a copy staff asked
    for, sent whatever was sent before."""
    from .invoicing import issue_invoice

    order = Order.objects.select_related("user").filter(pk=order_id).first()
    if order is None or order.status not in HAS_RECEIPT:
        return None
    issue_invoice(order)
    with written_for(order.user, order.language):
        path = order.get_absolute_url()
        notices = buyer_notices(order)
    return notify(
        order.user,
        "commerce.receipt",
        context={"order": order, "refund_notices": notices},
        url=path,
        language=order.language,
        target=order,
        key=None if again else f"commerce.receipt:{order.pk}",
    )


def send_credit_note(note_id):
    """E-mail the buyer a credit note (a django-q2 task), with its PDF, once per credit note
    (kind ``commerce.credit_note``)."""
    from .models import Invoice

    note = Invoice.objects.select_related("order__user", "refers_to", "refund").filter(pk=note_id).first()
    if note is None:
        return None
    order = note.order
    with written_for(order.user, order.language):
        path = order.get_absolute_url()
    access_ends = order.status != Order.Status.PAID or any("line_id" in row for row in note.lines)
    return notify(
        order.user,
        "commerce.credit_note",
        context={"order": order, "note": note, "access_ends": access_ends},
        url=path,
        language=order.language,
        target=note,
        key=f"commerce.credit_note:{note.pk}",
    )
