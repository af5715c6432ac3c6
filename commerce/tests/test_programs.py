from decimal import Decimal

from django.urls import reverse

from commerce.models import ProgramPage
from courses.learning.enrollment import Source, enroll
from courses.models import CourseIndexPage, CoursePage


def test_programs_live_under_the_catalog_only():
    assert ProgramPage in CourseIndexPage.allowed_subpage_models()
    assert ProgramPage.allowed_parent_page_models() == [CourseIndexPage]
    assert ProgramPage not in CoursePage.allowed_subpage_models()


def test_the_catalog_shows_programs(client, bundle):
    response = client.get(bundle.get_parent().url)
    text = response.content.decode()
    assert "Data and design" in text and "$60.00" in text


def test_the_program_page_lists_its_courses_and_price(client, bundle):
    response = client.get(bundle.url)
    text = response.content.decode()
    assert response.status_code == 200
    assert text.index("Data course") < text.index("Design course")
    assert "$60.00" in text and "Buy the program" in text
    assert "private" not in response.get("Cache-Control", "")  # the same for every anonymous visitor


def test_the_program_page_shows_the_price_for_a_partial_owner(client, buyer, bundle, course_a):
    enroll(buyer, course_a, Source.PURCHASE)
    client.force_login(buyer)
    response = client.get(bundle.url)
    assert response.context["your_price"] == Decimal("22.78")
    assert "you pay only for the others" in response.content.decode()
    assert "no-store" in response["Cache-Control"]  # this buyer's price: never shared


def test_buying_a_program_from_its_page(client, buyer, bundle):
    client.force_login(buyer)
    response = client.post(
        reverse("commerce:cart_add"), {"kind": "program", "page": bundle.pk, "buy_now": "1"}, follow=True
    )
    assert response.request["PATH_INFO"] == reverse("commerce:cart")
    assert response.context["quote"].total == Decimal("60.00")


def test_an_admin_creates_a_program_in_the_editor(client, admin_user, course_a, course_b):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    client.force_login(admin_user)
    catalog = course_a.get_parent()
    url = reverse("wagtailadmin_pages:add", args=["commerce", "programpage", catalog.pk])
    data = nested_form_data({
        "title": "Bundle", "slug": "bundle", "summary": "Two for one.", "description": rich_text("<p>Both.</p>"),
        "price": "59.00",
        "program_courses": inline_formset([{"course": course_a.pk}, {"course": course_b.pk}]),
        "comments": inline_formset([]),
        "action-publish": "publish",
    })  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    program = ProgramPage.objects.get(slug="bundle")
    assert program.live and [c.pk for c in program.course_pages()] == [course_a.pk, course_b.pk]


def test_a_translation_cannot_change_a_programs_price(client, buyer, bundle, locales):
    from wagtail.models import Locale

    french = bundle.copy_for_translation(Locale.objects.get(language_code="fr"), copy_parents=True)
    french.price = Decimal("1.00")
    french.save_revision().publish()
    client.force_login(buyer)
    client.post("/fr/cart/add/", {"kind": "program", "page": french.pk})
    quote = client.get("/fr/cart/").context["quote"]
    assert quote.total == Decimal("60.00")
    assert [course.pk for course in french.course_pages()] == [course.pk for course in bundle.course_pages()]


def test_a_program_enrolls_only_in_its_published_courses(client, buyer, bundle, course_a, course_b):
    from .helpers import check_out, dev_pay

    course_b.unpublish()
    client.force_login(buyer)
    _response, order = check_out(client, bundle)
    dev_pay(client, order)
    from courses.models import Enrollment

    keys = set(Enrollment.objects.filter(user=buyer).values_list("course_key", flat=True))
    assert keys == {course_a.translation_key}
