"""What can be bought besides courses and programs: a registry other apps fill, so
commerce never imports them. An app registers a kind once at start-up (its
``AppConfig.ready``), e.g. the events app::

    # events/purchasable.py
    from commerce.purchasables import Purchasable, register

    register(Purchasable(
        kind="master_class", label=_("Master class"), model="events.MasterClassPage",
        price=lambda page: page.price,
        refusal=lambda user, page: ...,          # None, or why it cannot be bought now
        owned=lambda user, key: ...,             # does the user have it already?
        fulfil=lambda order, line: ...,          # None when given, or why not
        revoke=lambda order, line: ...,          # the order was refunded or disputed
    ))

An item is a live page of ``model`` (found by id when added to the cart, by
``translation_key`` afterwards, in the visitor's language); an order line keeps ``kind``,
``item_key`` (the translation key), title and amounts, and no foreign key.

- ``price(page)`` → Decimal in the site currency; 0 means free: not sold through the cart.
- ``refusal(user, page)`` → None, or a sentence: the cart refuses (or drops) the item.
- ``note(user, page)`` → optional sentence shown beside the item in the cart (e.g. "full:
  you join the waiting list").
- ``owned(user, key)`` → True when paying would give ``user`` nothing new (the payment is
  then refunded, as for courses they own).
- ``fulfil(order, line)`` runs inside the payment's transaction: None when the item was
  given, else a sentence: the order fails and its payment is refunded (``fulfilment.py``).
- ``revoke(order, line)`` runs when a refund or a dispute takes the order back.
- ``sold_alone``: the item is checked out in an order of its own (providers refund whole
  payments, so cancelling it can be refunded without touching anything else).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps


@dataclass(frozen=True)
class Purchasable:
    kind: str  # stored on OrderLine.kind (at most 20 characters)
    label: str
    model: str  # "app_label.ModelName" of a page model
    price: Callable
    refusal: Callable
    owned: Callable
    fulfil: Callable
    revoke: Callable
    note: Callable = None
    sold_alone: bool = True

    @property
    def model_class(self):
        return apps.get_model(self.model)


_kinds = {}


def register(purchasable):
    if len(purchasable.kind) > 20 or purchasable.kind in ("course", "program"):
        raise ValueError(f"Purchasable kind {purchasable.kind!r}: at most 20 characters, not a built-in kind")
    _kinds[purchasable.kind] = purchasable
    return purchasable


def get(kind):
    """The registered kind, or None (courses and programs are commerce's own)."""
    return _kinds.get(kind)


def all_kinds():
    return list(_kinds.values())
