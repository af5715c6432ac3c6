"""What a cart costs, decided on the server only: list prices, the program rule, coupons.

**The program rule.** A program's bundle price is for all of its courses. A buyer who
already owns some of them (fully — an audit does not count) pays the bundle price in
proportion to the list prices of the courses they do not own yet::

    price = bundle price × (list prices of the courses not owned) / (list prices of all its courses)

rounded to the currency's minor unit (half up); when every course of the program is free
the proportion is by number of courses. Buying a program never costs more than its
missing courses would cost one by one, and a program whose courses one owns all of cannot
be added to the cart at all.

**Coupons** take a percentage or a fixed amount off the items they apply to (all items,
or the listed courses and programs, in any of their languages). A fixed amount is shared
among those items in proportion to their prices and never exceeds them.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Enrollment

from .exceptions import CouponError
from .models import Coupon, CouponRedemption, OrderLine, normalise_code
from .money import quantize, site_currency

ZERO = Decimal("0")


@dataclass
class QuoteLine:
    kind: str  # OrderLine.Kind
    page: object  # the CoursePage or ProgramPage shown to the buyer
    list_price: Decimal
    price: Decimal  # after the program rule
    discount: Decimal = ZERO
    owned_courses: list = field(default_factory=list)  # of a program: courses already owned

    @property
    def key(self):
        return self.page.translation_key

    @property
    def amount(self):
        return self.price - self.discount

    @property
    def title(self):
        return self.page.title


@dataclass
class Quote:
    lines: list
    currency: str
    coupon: Coupon = None

    @property
    def subtotal(self):
        return sum((line.price for line in self.lines), ZERO)

    @property
    def discount(self):
        return sum((line.discount for line in self.lines), ZERO)

    @property
    def total(self):
        return self.subtotal - self.discount


def owned_course_keys(user, keys):
    """The translation keys among ``keys`` of courses ``user`` owns fully (audits excluded)."""
    if not user.is_authenticated:
        return set()
    rows = Enrollment.objects.filter(user=user, course_key__in=list(keys)).exclude(source=Enrollment.Source.AUDIT)
    return set(rows.values_list("course_key", flat=True))


def owns_course(user, course):
    """Does ``user`` own ``course`` fully (an audit is not owning)? From their enrollment,
    which the course page has read already (the personal cache)."""
    from courses.learning.enrollment import enrollment_for

    enrollment = enrollment_for(user, course)
    return enrollment is not None and enrollment.source != Enrollment.Source.AUDIT


def course_price(course):
    return quantize(course.rules.price)


def item_price(kind, page):
    """The list price of a course or of an item of a registered kind (``purchasables.py``)."""
    from . import purchasables

    registered = purchasables.get(kind)
    return quantize(registered.price(page)) if registered is not None else course_price(page)


def program_price(program, courses, owned_keys):
    """The bundle price for someone owning ``owned_keys`` (see the module's rule)."""
    bundle = quantize(program.rules.price)
    missing = [course for course in courses if course.translation_key not in owned_keys]
    if len(missing) == len(courses):
        return bundle
    if not missing:
        return ZERO
    total = sum((course_price(course) for course in courses), ZERO)
    if total:
        share = sum((course_price(course) for course in missing), ZERO) / total
    else:
        share = Decimal(len(missing)) / Decimal(len(courses))
    return quantize(bundle * share)


def quote(user, items, coupon_code=""):
    """Price ``items`` (resolved cart items: ``(kind, page)``) for ``user``. A bad coupon
    raises ``CouponError``; the caller decides whether to show the quote without it."""
    programs = {page.pk: page.course_pages() for kind, page in items if kind == OrderLine.Kind.PROGRAM}
    keys = {page.translation_key for kind, page in items if kind == OrderLine.Kind.COURSE}
    keys |= {course.translation_key for courses in programs.values() for course in courses}
    owned = owned_course_keys(user, keys)
    lines = []
    for kind, page in items:
        if kind == OrderLine.Kind.PROGRAM:
            courses = programs[page.pk]
            lines.append(
                QuoteLine(
                    kind, page, quantize(page.rules.price), program_price(page, courses, owned),
                    owned_courses=[course for course in courses if course.translation_key in owned],
                )
            )  # fmt: skip
        else:
            price = item_price(kind, page)
            lines.append(QuoteLine(kind, page, price, price))
    result = Quote(lines, site_currency())
    if normalise_code(coupon_code):
        result.coupon = apply_coupon(result, find_coupon(coupon_code, user))
    return result


def find_coupon(code, user, now=None):
    """The usable coupon with this code, or ``CouponError`` saying why not."""
    now = now or timezone.now()
    if not normalise_code(code).isprintable():  # a NUL or another control character: no code has one
        raise CouponError(_("This is not a coupon code: codes have letters, digits and dashes."))
    coupon = Coupon.objects.filter(code=normalise_code(code)).first()
    if coupon is None or not coupon.active:
        raise CouponError(_("There is no coupon “%(code)s”.") % {"code": normalise_code(code)})
    if coupon.valid_from and now < coupon.valid_from:
        raise CouponError(_("This coupon is not valid yet."))
    if coupon.valid_until and now >= coupon.valid_until:
        raise CouponError(_("This coupon has expired."))
    if coupon.max_redemptions is not None and coupon.redemptions.count() >= coupon.max_redemptions:
        raise CouponError(_("This coupon has been used up."))
    if (
        coupon.max_per_user is not None
        and user.is_authenticated
        and CouponRedemption.objects.filter(coupon=coupon, user=user).count() >= coupon.max_per_user
    ):
        raise CouponError(_("You have already used this coupon."))
    return coupon


def coupon_item_keys(coupon):
    """Translation keys of what ``coupon`` is limited to, or None when it applies to everything."""
    keys = set(coupon.courses.values_list("translation_key", flat=True))
    keys |= set(coupon.programs.values_list("translation_key", flat=True))
    return keys or None


def apply_coupon(result, coupon):
    limited_to = coupon_item_keys(coupon)
    eligible = [line for line in result.lines if line.price and (limited_to is None or line.key in limited_to)]
    if not eligible:
        raise CouponError(_("This coupon is not valid for the items in your cart."))
    if coupon.kind == Coupon.Kind.PERCENT:
        for line in eligible:
            line.discount = quantize(line.price * coupon.value / 100)
    else:
        base = sum((line.price for line in eligible), ZERO)
        off = min(quantize(coupon.value), base)
        remaining = off
        for line in eligible[:-1]:
            line.discount = min(quantize(off * line.price / base), remaining)
            remaining -= line.discount
        eligible[-1].discount = min(remaining, eligible[-1].price)
    return coupon
