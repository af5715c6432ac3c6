"""The buyer's invoices, credit notes and billing details: PDFs from private storage to the
buyer and staff only (``receipts.can_see``), and the billing form (the buyer only, until
the invoice is issued). The old receipt address leads to the invoice."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from caching.private_responses import private_response
from courses.file_serving import serve_private_file
from courses.storage import private_storage

from . import billing, invoicing, receipts
from .models import Invoice, Order


def _visible_order(request, order_id):
    order = get_object_or_404(Order.objects.select_related("user"), pk=order_id)
    if not receipts.can_see(request.user, order):
        raise Http404("not yours")
    return order


@login_required
def invoice_pdf(request, order_id, number):
    """An invoice or credit note of the order, as PDF (rendered in the background)."""
    order = _visible_order(request, order_id)
    invoice = get_object_or_404(Invoice, order=order, number=number)
    if not (invoice.pdf.name and private_storage.exists(invoice.pdf.name)):
        from django_q.tasks import async_task

        async_task("commerce.invoicing.ensure_pdf", invoice.pk)
        invoice.refresh_from_db()
        if not (invoice.pdf.name and private_storage.exists(invoice.pdf.name)):
            messages.info(request, _("Your PDF is being prepared; try again in a moment."))
            return redirect(order.get_absolute_url())
    return serve_private_file(request, invoice.pdf, "application/pdf", f"{invoice.number}.pdf")


@login_required
def receipt_pdf(request, order_id):
    """The receipt's old address: the order's invoice (issued now for an order paid before
    invoices, unless a receipt PDF of then is kept, which is served as it was)."""
    order = _visible_order(request, order_id)
    if order.status not in receipts.HAS_RECEIPT:
        raise Http404("no receipt")
    invoice = invoicing.invoice_of(order)
    if invoice is None and receipts.is_kept(order):
        return serve_private_file(request, order.receipt_pdf, "application/pdf", f"receipt-{order.number}.pdf")
    invoice = invoice or invoicing.issue_invoice(order)
    return redirect("commerce:invoice_pdf", order.pk, invoice.number)


@private_response
@login_required
@require_http_methods(["GET", "POST"])
def billing_details(request, order_id):
    """The buyer's billing details of an order, until its invoice is issued."""
    order = get_object_or_404(Order, pk=order_id, user=request.user)
    if not billing.is_editable(order):
        messages.info(request, _("The invoice is issued: its billing details can no longer change."))
        return redirect(order.get_absolute_url())
    form = billing.BillingForm(instance=order)
    if request.method == "POST":
        try:
            form = billing.update_billing(order, request.user, request.POST)
        except billing.BillingError as error:
            messages.error(request, error.message)
            return redirect(order.get_absolute_url())
        if form.is_valid():
            messages.success(request, _("Your billing details are saved."))
            return redirect(order.get_absolute_url())
    return render(request, "commerce/billing.html", {"order": order, "form": form})
