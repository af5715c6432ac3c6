"""Refusals a buyer can cause (cart, coupon, checkout, payment); views turn them into messages."""

from core.errors import UserFacingError


class CommerceError(UserFacingError):
    """Base class of the commerce app's user-facing errors."""


class CartError(CommerceError):
    pass


class CouponError(CommerceError):
    pass


class CheckoutError(CommerceError):
    pass


class PaymentError(CommerceError):
    """The provider refused, or its answer does not match the order."""
