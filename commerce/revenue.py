"""Revenue of paid orders (refunded orders no longer count), per course and per month, in
the site currency. Administrators see every course and every program; an instructor sees
the courses they teach. A course's revenue is what its own order lines brought; a
program's lines are reported as the program (its price is not split among its courses)."""

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth

from courses.learning.course_statistics import courses_for

from .models import Order, OrderLine


def visible_lines(user):
    lines = OrderLine.objects.filter(order__status=Order.Status.PAID)
    if user.is_superuser or user.has_perm("commerce.view_order"):
        return lines
    keys = [course.translation_key for course in courses_for(user)]
    return lines.filter(kind=OrderLine.Kind.COURSE, item_key__in=keys)


def revenue_by_item(user):
    """``[{"item_key", "kind", "title", "sales", "revenue"}]``, highest revenue first."""
    rows = (
        visible_lines(user)
        .values("item_key", "kind")
        .annotate(sales=Count("pk"), revenue=Sum("amount"))
        .order_by("-revenue")
    )
    titles = dict(OrderLine.objects.order_by("pk").values_list("item_key", "title"))
    return [{**row, "title": titles.get(row["item_key"], "")} for row in rows]


def revenue_by_month(user):
    """``[{"month", "sales", "revenue"}]``, latest month first."""
    return list(
        visible_lines(user)
        .annotate(month=TruncMonth("order__paid_at"))
        .values("month")
        .annotate(sales=Count("pk"), revenue=Sum("amount"))
        .order_by("-month")
    )


def may_see_revenue(user):
    return user.is_authenticated and (
        user.is_superuser or user.has_perm("commerce.view_order") or bool(courses_for(user))
    )


def course_revenue(course):
    """``(sales, revenue)`` of ``course``'s own paid order lines (any language version)."""
    totals = OrderLine.objects.filter(
        order__status=Order.Status.PAID, kind=OrderLine.Kind.COURSE, item_key=course.translation_key
    ).aggregate(sales=Count("pk"), revenue=Sum("amount"))
    return totals["sales"], totals["revenue"] or 0


def revenue_chart(user, period, course=None):
    """``[Chart]`` of the revenue per bucket of ``period`` (accounts/school_figures.py), of
    what ``user`` sees, or of ``course``'s own lines: one query. ``[]`` for a user who sees
    no revenue."""
    from django.utils.translation import gettext_lazy as _

    from accounts.school_figures import Chart
    from courses.templatetags.course_tags import money

    if course is not None:
        lines = OrderLine.objects.filter(
            order__status=Order.Status.PAID, kind=OrderLine.Kind.COURSE, item_key=course.translation_key
        )
    elif may_see_revenue(user):
        lines = visible_lines(user)
    else:
        return []
    rows = (
        lines.filter(order__paid_at__gte=period.start())
        .annotate(bucket=period.trunc("order__paid_at"))
        .values_list("bucket")
        .annotate(revenue=Sum("amount"))
    )
    return [Chart("revenue", _("Revenue"), period.fill(rows), kind=Chart.MONEY, format=money, order=10)]
