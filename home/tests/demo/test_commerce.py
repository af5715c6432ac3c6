from commerce import demo
from commerce.models import Coupon, Order, ProgramPage
from courses.models import Enrollment


def test_demo_program_coupon_and_past_order_idempotent(capsys):
    program = ProgramPage.objects.get(slug=demo.PROGRAM_SLUG)
    assert [c.slug for c in program.course_pages()] == demo.COURSES
    assert program.live
    assert Coupon.objects.get(code="WELCOME10").value == 10
    order = Order.objects.get(user__email="student@aula.test")
    assert order.is_paid and order.receipt_pdf
    assert order.paid_at < order.created_at.__class__.now(order.created_at.tzinfo)
    assert Enrollment.objects.filter(user=order.user, source="purchase").count() == 1
    assert demo.seed(capsys) == 0
    assert Order.objects.count() == 1
