"""Commerce in the site and the admin: "Buy now" / "Add to cart" on course pages (the
``register_course_page_actions`` hook), coupons as a snippet, orders."""

from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts.waiting import WAITING_PAGE_HOOK
from caching.page_cache import shareable_request
from core.seo import SITEMAP_HOOK
from courses.hooks import CourseAction, Place

from .cart import Cart
from .models import ProgramPage
from .pricing import owns_course

hooks.register(SITEMAP_HOOK, lambda: ProgramPage)  # programs in the sitemap (home/sitemap.py)


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
    if owns_course(request.user, course):
        return None
    if str(course.translation_key) in Cart(request.session):
        return CourseAction(_("Go to your cart"), reverse("commerce:cart"), order=20)
    # A visitor without a session sees a page the page cache shares: forms without the CSRF
    # token (``commerce.origin`` checks where they come from instead).
    csrf = not shareable_request(request)
    fields = {"kind": "course", "page": course.pk, "next": request.path}
    return [
        CourseAction(
            _("Buy now"),
            reverse("commerce:cart_add"),
            method="post",
            fields={**fields, "buy_now": "1"},
            order=20,
            csrf=csrf,
        ),
        CourseAction(
            _("Add to cart"),
            reverse("commerce:cart_add"),
            method="post",
            fields=fields,
            primary=False,
            order=21,
            csrf=csrf,
        ),
    ]


@hooks.register(WAITING_PAGE_HOOK)
def cart_waits(request, user):
    """A visitor who signs up or confirms their address with items in their cart (in this
    browser, or kept for them at sign-up) comes back to it (``accounts/waiting.py``)."""
    from .models import SavedCart

    kept = user is not None and user.pk is not None and SavedCart.objects.filter(user=user).exclude(items=[]).exists()
    return reverse("commerce:cart") if len(Cart(request.session)) or kept else None


@hooks.register("register_course_page_context")
def ad_slot(page, request, context):
    from .ads import ad_panel

    panel = ad_panel(page, request, context)
    if panel is None:
        return None
    return {"course_page_panels": [*context.get("course_page_panels", []), panel]}


@hooks.register("register_course_statistics")
def course_revenue_rows(course, request):
    """Sales and revenue on the course's statistics page (whoever may see that page)."""
    from courses.templatetags.course_tags import money

    from .revenue import course_revenue

    sales, revenue = course_revenue(course)
    return [(_("Sales (paid orders)"), sales), (_("Revenue"), money(revenue))]


@hooks.register("register_admin_viewset")
def register_commerce_viewsets():
    from .viewsets import CommerceViewSetGroup

    return CommerceViewSetGroup()


@hooks.register("register_admin_urls")
def revenue_urls():
    from .viewsets import RevenueView

    return [path("commerce/revenue/", RevenueView.as_view(), name="commerce_revenue")]


class RevenueMenuItem(MenuItem):
    def is_shown(self, request):
        from .revenue import may_see_revenue

        return may_see_revenue(request.user)


@hooks.register("register_admin_menu_item")
def revenue_menu_item():
    return RevenueMenuItem(gettext_lazy("Revenue"), reverse("commerce_revenue"), icon_name="table", order=262)


@hooks.register("register_learner_panel")
def learner_orders_panel(request, learner):
    """The learner's orders, each linked to its page in the admin (for those who see orders)."""
    from accounts.learners import LearnerPanel

    from .models import Order

    if not (request.user.is_superuser or request.user.has_perm("commerce.view_order")):
        return None
    orders = Order.objects.filter(user=learner).order_by("-created_at")
    return LearnerPanel(_("Orders"), "commerce/admin/learner_orders.html", {"orders": orders}, order=20)


@hooks.register("register_school_figures")
def revenue_figure(request, period, course):
    """Revenue on the admin home (what the user's revenue page covers) and on a course's statistics."""
    from .revenue import revenue_chart

    return revenue_chart(request.user, period, course)
