"""What commerce tells other apps; receivers connect in their app's ``receivers.py``, from
its ``AppConfig.ready()``. Both are sent inside the transaction that changes the order:
a receiver that acts outside the database does so on commit (``transaction.on_commit``),
so a rolled-back payment or refund tells nobody anything.

``order_paid(sender=Order, order)``: ``order`` was just marked paid (a provider's
confirmation, the development provider, a 100 %-off order) — once per order, whatever the
number of confirmations. Receivers: the webhooks app (``api/webhooks/receivers.py``).

``order_refunded(sender=Order, order, refund, amount, currency, partial)``: money of a paid
order went back to its buyer — a staff refund in full or in part (``refunds.refund_order``,
``refunds.refund_part``), a refund at the provider (``refunds.settle_at_provider``), or a
payment that bought nothing new given back by Aula itself (``refunds.send_refund``).
``refund``: the ``Refund`` row (None for an order paid nothing); ``amount`` and
``currency``: what went back this time; ``partial``: True when the order stays paid (an
amount, or some lines, of it). A dispute is not a refund and sends nothing here (its
enrollments end with ``courses.signals.enrollment_ended``, reason ``dispute``).
Receivers: the webhooks app.
"""

from django.dispatch import Signal

order_paid = Signal()
order_refunded = Signal()
