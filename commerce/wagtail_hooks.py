"""Commerce in the site and the admin: "Buy now" / "Add to cart" on course pages (the
``register_course_page_actions`` hook), coupons as a snippet, orders."""

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from courses.hooks import CourseAction, Place

from .cart import Cart
from .pricing import owned_course_keys


@hooks.register("register_course_page_actions")
def buy_actions(course, request, decision, place):
    """Paid courses the visitor does not own (auditors may upgrade); never for the course's
    staff. On the refusal page, only when buying is what would open the resource."""
    if course.is_free or decision.is_staff:
        return None
    if place == Place.ACCESS_REFUSED and not (
        decision.needs_purchase or decision.needs_login or decision.reason == "audit_excludes"
    ):
        return None
    if owned_course_keys(request.user, [course.translation_key]):
        return None
    if str(course.translation_key) in Cart(request.session):
        return CourseAction(_("Go to your cart"), reverse("commerce:cart"), order=20)
    fields = {"kind": "course", "page": course.pk, "next": request.path}
    return [
        CourseAction(
            _("Buy now"), reverse("commerce:cart_add"), method="post", fields={**fields, "buy_now": "1"}, order=20
        ),
        CourseAction(
            _("Add to cart"), reverse("commerce:cart_add"), method="post", fields=fields, primary=False, order=21
        ),
    ]
