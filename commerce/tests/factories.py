from decimal import Decimal

from accounts.tests.factories import UserFactory
from commerce.models import Coupon, ProgramCourse, ProgramPage
from courses.tests.factories import build_course, catalog, publish


def paid_course(title, price, **kwargs):
    slug = kwargs.pop("slug", title.lower().replace(" ", "-"))
    return publish(build_course(title=title, slug=slug, price=Decimal(price), **kwargs))


def program(title, courses, price, parent=None):
    page = ProgramPage(title=title, slug=title.lower().replace(" ", "-"), summary="A bundle.", price=Decimal(price))
    for index, course in enumerate(courses):
        page.program_courses.add(ProgramCourse(course=course, sort_order=index))
    (parent or catalog()).add_child(instance=page)
    return publish(page)


def coupon(code="SAVE10", kind=Coupon.Kind.PERCENT, value="10", **kwargs):
    courses = kwargs.pop("courses", [])
    programs = kwargs.pop("programs", [])
    item = Coupon(code=code, kind=kind, value=Decimal(value), **kwargs)
    item.save()
    if courses or programs:
        item.courses.set(courses)
        item.programs.set(programs)
        item.save()
    return item


def buyer(**kwargs):
    return UserFactory(verified=True, **kwargs)
