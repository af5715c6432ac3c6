"""The cart lives in the session: a list of ``(kind, translation_key)`` and a coupon code.
Items are keyed by translation key, so a course added in English is the same item on the
Spanish site. When a visitor logs in, their anonymous cart is merged with the one they
left signed in (``SavedCart``), without duplicates and without what they now own."""

from django.utils.translation import gettext as _

from core.localized import pages_in_active_language
from courses.models import CoursePage

from . import purchasables
from .exceptions import CartError, CouponError
from .models import OrderLine, ProgramPage, SavedCart, normalise_code
from .pricing import owned_course_keys, quote

SESSION_KEY = "aula_cart"
Kind = OrderLine.Kind
MODELS = {Kind.COURSE: CoursePage, Kind.PROGRAM: ProgramPage}


def item_models():
    """Every kind the cart sells: courses, programs and the kinds other apps registered
    (``purchasables.py``)."""
    return {**MODELS, **{p.kind: p.model_class for p in purchasables.all_kinds()}}


class Cart:
    def __init__(self, session):
        self.session = session
        data = session.get(SESSION_KEY) or {}
        models = item_models()
        self.items = [(kind, key) for kind, key in data.get("items", []) if kind in models]
        self.coupon_code = data.get("coupon", "")

    def save(self):
        self.session[SESSION_KEY] = {"items": [list(item) for item in self.items], "coupon": self.coupon_code}
        self.session.modified = True

    def __len__(self):
        return len(self.items)

    def __contains__(self, key):
        return str(key) in self.keys()

    def keys(self):
        return {key for _kind, key in self.items}

    def remove(self, key):
        self.items = [item for item in self.items if item[1] != str(key)]
        if not self.items:
            self.coupon_code = ""
        self.save()

    def clear(self):
        self.items, self.coupon_code = [], ""
        self.save()

    def set_coupon(self, code):
        self.coupon_code = normalise_code(code)
        self.save()


def live_item(kind, page_id):
    """The live course or program a form names, or CartError (a tampered or stale id)."""
    model = item_models().get(kind)
    try:
        page = model.objects.live().filter(pk=int(page_id)).first() if model else None
    except (TypeError, ValueError):
        page = None
    if page is None:
        raise CartError(_("This item is not for sale."))
    return page


def refusal(user, kind, page, cart_keys, covered_keys):
    """Why ``page`` cannot go in the cart, or None. ``covered_keys``: courses of the
    programs already in the cart."""
    key = str(page.translation_key)
    if key in cart_keys:
        return _("“%(title)s” is already in your cart.") % {"title": page.title}
    registered = purchasables.get(kind)
    if registered is not None:
        if not registered.price(page):
            return _("“%(title)s” is free: register from its page, no purchase needed.") % {"title": page.title}
        return registered.refusal(user, page)
    if kind == Kind.COURSE:
        if page.is_free:
            return _("“%(title)s” is free: enroll from its page, no purchase needed.") % {"title": page.title}
        if page.translation_key in owned_course_keys(user, [page.translation_key]):
            return _("You already own “%(title)s”.") % {"title": page.title}
        if key in covered_keys:
            return _("“%(title)s” is part of a program in your cart.") % {"title": page.title}
        return None
    courses = page.course_pages()
    if not courses:
        return _("This item is not for sale.")
    owned = owned_course_keys(user, [course.translation_key for course in courses])
    if all(course.translation_key in owned for course in courses):
        return _("You already own every course of “%(title)s”.") % {"title": page.title}
    return None


def resolve(cart, user):
    """The cart's items as ``(kind, page)`` in the active language, and a message for each
    item dropped because it was withdrawn (unpublished, made free) or is now owned. The
    cart is saved without them."""
    pages = {}
    for kind, model in item_models().items():
        keys = [key for item_kind, key in cart.items if item_kind == kind]
        if keys:
            found = pages_in_active_language(model.objects.live().specific(), keys)
            pages.update({(kind, str(key)): page for key, page in found.items()})
    items, dropped, kept, covered = [], [], [], set()
    programs_first = sorted(cart.items, key=lambda item: item[0] != Kind.PROGRAM)
    for kind, key in programs_first:
        page = pages.get((kind, key))
        if page is None:
            dropped.append(_("An item of your cart is no longer for sale and was removed."))
            continue
        reason = refusal(user, kind, page, {k for _kind, k in kept}, covered)
        if reason:
            dropped.append(
                _("“%(title)s” was removed from your cart: %(reason)s") % {"title": page.title, "reason": reason}
            )
            continue
        kept.append((kind, key))
        items.append((kind, page))
        if kind == Kind.PROGRAM:
            covered |= {str(course.translation_key) for course in page.course_pages()}
    if dropped:
        order = {item: index for index, item in enumerate(cart.items)}
        cart.items = sorted(kept, key=lambda item: order[item])
        cart.save()
    items.sort(key=lambda item: cart.items.index((item[0], str(item[1].translation_key))))
    return items, dropped


def add(cart, user, kind, page_id):
    """Add a course or program (by page id) to the cart, or CartError saying why not.
    Adding a program takes out its courses already in the cart (the program covers them)."""
    page = live_item(kind, page_id)
    items, _dropped = resolve(cart, user)
    covered = {str(course.translation_key) for k, p in items if k == Kind.PROGRAM for course in p.course_pages()}
    reason = refusal(user, kind, page, cart.keys(), covered) or _alone_refusal(cart, kind, page)
    if reason:
        raise CartError(reason)
    if kind == Kind.PROGRAM:
        included = {str(course.translation_key) for course in page.course_pages()}
        cart.items = [item for item in cart.items if item[1] not in included]
    cart.items.append((kind, str(page.translation_key)))
    cart.save()
    return page


def sold_alone(kind):
    registered = purchasables.get(kind)
    return registered is not None and registered.sold_alone


def _alone_refusal(cart, kind, page):
    """An item sold alone (a master class seat) is checked out in an order of its own, so
    that cancelling it refunds that payment and nothing else."""
    if not cart.items or (kind, str(page.translation_key)) in cart.items:
        return None
    if sold_alone(kind) or any(sold_alone(item_kind) for item_kind, _key in cart.items):
        return _("“%(title)s” is bought on its own: check out your cart first, then add it.") % {"title": page.title}
    return None


def notes_of(user, items):
    """``{translation key: sentence}`` the registered kinds say about their items in the cart."""
    notes = {}
    for kind, page in items:
        registered = purchasables.get(kind)
        if registered is not None and registered.note is not None:
            note = registered.note(user, page)
            if note:
                notes[str(page.translation_key)] = note
    return notes


def cart_quote(cart, user):
    """The cart priced for ``user``: ``(quote, messages)``; a coupon that no longer applies
    is taken off with a message."""
    items, notes = resolve(cart, user)
    try:
        return quote(user, items, cart.coupon_code), notes
    except CouponError as error:
        notes.append(error.message)
        cart.set_coupon("")
        return quote(user, items), notes


def save_for_user(session, user):
    """Keep a signed-in user's cart for their next login (called at logout)."""
    cart = Cart(session)
    SavedCart.objects.update_or_create(
        user=user, defaults={"items": [list(item) for item in cart.items], "coupon_code": cart.coupon_code}
    )


def merge_at_login(session, user):
    """The anonymous cart in ``session`` plus the cart ``user`` left, without duplicates;
    ``resolve`` then drops what they own."""
    cart = Cart(session)
    saved = SavedCart.objects.filter(user=user).first()
    if saved is not None:
        for kind, key in saved.items:
            if kind in item_models() and key not in cart:
                cart.items.append((kind, key))
        cart.coupon_code = cart.coupon_code or saved.coupon_code
        saved.delete()
    cart.save()
    resolve(cart, user)
