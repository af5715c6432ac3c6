"""What commerce tells buyers (``notifications.kinds``)."""

from django.utils.translation import gettext_lazy as _

from notifications.kinds import EMAIL, SITE, Kind, register


def _receipt_pdf(notification):
    """The receipt's PDF, attached to its e-mail (rendered again if it was lost)."""
    from .receipts import ensure_pdf

    order = ensure_pdf(notification.target_id) if notification.target_id else None
    if order is None:
        return []
    with order.receipt_pdf.open("rb") as pdf:
        return [(f"receipt-{order.number}.pdf", pdf.read(), "application/pdf")]


register(
    Kind(
        "commerce.receipt",
        label=_("Receipts"),
        description=_("Your receipt when you pay for an order, and again when it is refunded."),
        recipients=_("the buyer"),
        channels={SITE, EMAIL},
        transactional=True,
        attachments=_receipt_pdf,
    )
)
