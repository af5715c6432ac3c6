"""What commerce tells buyers (``notifications.kinds``)."""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import EMAIL, SITE, Kind, register


def _invoice_attachment(invoice_id):
    from .invoicing import ensure_pdf

    invoice = ensure_pdf(invoice_id) if invoice_id else None
    if invoice is None:
        return []
    with invoice.pdf.open("rb") as pdf:
        return [(f"{invoice.number}.pdf", pdf.read(), "application/pdf")]


def _receipt_pdf(notification):
    """The order's invoice PDF, attached to its e-mail (rendered again if it was lost)."""
    from .invoicing import issue_invoice
    from .models import Order
    from .receipts import HAS_RECEIPT

    order = Order.objects.filter(pk=notification.target_id or None, status__in=HAS_RECEIPT).first()
    if order is None:
        return []
    return _invoice_attachment(issue_invoice(order).pk)


def _credit_note_pdf(notification):
    """The credit note's PDF, attached to its e-mail."""
    return _invoice_attachment(notification.target_id)


register(
    Kind(
        "commerce.receipt",
        label=_("Receipts"),
        description=_("Your invoice when you pay for an order, and your receipt again when it is refunded."),
        recipients=_("the buyer"),
        channels={SITE, EMAIL},
        transactional=True,
        attachments=_receipt_pdf,
    )
)

register(
    Kind(
        "commerce.credit_note",
        label=_("Credit notes"),
        description=_("A credit note when money of your order is given back, in full or in part."),
        recipients=_("the buyer"),
        channels={SITE, EMAIL},
        transactional=True,
        attachments=_credit_note_pdf,
    )
)
