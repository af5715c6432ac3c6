"""What commerce holds about a buyer (``accounts.personal_data``): orders with their lines,
coupons used, invoices and credit notes (the PDFs, and the receipts, in the export's zip),
the saved cart.

At deletion, orders and invoices are kept for accounting, as the law requires (tax law
keeps invoices, as issued and unaltered, for years: they hold the buyer's name, address
and tax number because an invoice must). They stay attached to the anonymised account.
What the law does not require goes: the saved cart, and the billing details of orders that
were never invoiced (pending, failed or cancelled ones)."""

from accounts.personal_data import PersonalData, records, register
from caching.registry import renew_rows

from .invoice_models import Invoice
from .models import CouponRedemption, Order, OrderLine, SavedCart


def export(user):
    return {
        "orders": records(
            Order.objects.filter(user=user), "id", "status", "currency", "subtotal", "discount", "tax", "total",
            "coupon_code", "provider", "language", "created_at", "paid_at", "refunded_at", "billing_name",
            "billing_address", "billing_country", "billing_tax_id",
        ),
        "order_lines": records(
            OrderLine.objects.filter(order__user=user), "order_id", "kind", "title", "list_price", "discount",
            "amount", "refunded_at",
        ),
        "coupons_used": records(CouponRedemption.objects.filter(user=user), "coupon__code", "order_id", "created_at"),
        "invoices": records(
            Invoice.objects.filter(order__user=user), "number", "kind", "order_id", "issued_at", "currency", "total",
            "buyer_name", "buyer_address", "buyer_country", "buyer_tax_id",
        ),
        "saved_cart": records(SavedCart.objects.filter(user=user), "items", "coupon_code", "updated_at"),
    }  # fmt: skip


def files(user):
    for invoice in Invoice.objects.filter(order__user=user).exclude(pdf=""):
        yield f"files/invoices/{invoice.number}.pdf", invoice.pdf
    for order in Order.objects.filter(user=user).exclude(receipt_pdf=""):
        yield f"files/receipts/order-{order.pk}.pdf", order.receipt_pdf


def erase(user, choices):
    SavedCart.objects.filter(user=user).delete()
    never_invoiced = Order.objects.filter(user=user, invoices__isnull=True)
    rows = list(never_invoiced)
    never_invoiced.update(billing_name="", billing_address="", billing_tax_id="")
    renew_rows(Order, rows)  # a queryset update: no save signal


register(
    PersonalData(
        "commerce",
        covers=["commerce.Order.user", "commerce.CouponRedemption.user", "commerce.SavedCart.user"],
        export=export,
        files=files,
        erase=erase,
    )
)
