"""Demo commerce (``seed_demo`` calls ``seed``): a program bundling the two paid demo
courses, the coupon WELCOME10, and a past paid order (with its receipt PDF) for the demo
student. Idempotent."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale

from courses.models import CourseIndexPage, CoursePage

from .fulfilment import confirm_payment
from .models import Coupon, Order, OrderLine, ProgramCourse, ProgramPage
from .money import site_currency
from .receipts import ensure_pdf

PROGRAM_SLUG = "data-and-design"
COURSES = ["data-visualisation", "interface-design"]
PAST_ORDER_COURSE = "interface-design"


def seed(stdout):
    locale = Locale.get_default()
    courses = {c.slug: c for c in CoursePage.objects.filter(slug__in=COURSES, locale=locale)}
    if len(courses) < len(COURSES):
        return 0
    return _program(locale, courses) + _coupon() + _past_order(courses[PAST_ORDER_COURSE])


def _program(locale, courses):
    if ProgramPage.objects.filter(slug=PROGRAM_SLUG, locale=locale).exists():
        return 0
    catalog = CourseIndexPage.objects.get(locale=locale)
    program = ProgramPage(
        title="Data and design bundle", slug=PROGRAM_SLUG, price=Decimal("99.00"),
        summary="Tell the truth with data, then make it a pleasure to read: both courses for less.",
        description="<p>Two courses, one price: <b>Data visualisation that tells the truth</b> and "
        "<b>Interface design fundamentals</b>. Own one already? You pay only your share of the other.</p>",
    )  # fmt: skip
    for index, slug in enumerate(COURSES):
        program.program_courses.add(ProgramCourse(course=courses[slug], sort_order=index))
    catalog.add_child(instance=program)
    program.save_revision().publish()
    return 1


def _coupon():
    _coupon, created = Coupon.objects.get_or_create(
        code="WELCOME10", defaults={"kind": Coupon.Kind.PERCENT, "value": Decimal("10"), "max_per_user": 1}
    )
    return int(created)


def _past_order(course):
    student = get_user_model().objects.filter(email="student@aula.test").first()
    if student is None or Order.objects.filter(user=student, lines__item_key=course.translation_key).exists():
        return 0
    price = course.rules.price
    order = Order.objects.create(user=student, currency=site_currency(), subtotal=price, total=price, language="en")
    OrderLine.objects.create(
        order=order, kind=OrderLine.Kind.COURSE, course=course, item_key=course.translation_key,
        title=course.title, list_price=price, amount=price,
    )  # fmt: skip
    confirm_payment(
        order.pk, provider=Order.Provider.DEV, amount=price, currency=order.currency, payment_reference="demo"
    )
    past = timezone.now() - timedelta(days=30)
    Order.objects.filter(pk=order.pk).update(created_at=past, paid_at=past + timedelta(minutes=3))
    ensure_pdf(order.pk)
    return 1
