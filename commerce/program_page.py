"""What a program page shows: its courses, its price for this visitor, what they own."""

from urllib.parse import urlencode

from django.urls import reverse

from caching.page_cache import shareable_request

from .cart import Cart
from .pricing import owned_course_keys, program_price


def program_page_context(program, request):
    courses = program.course_pages()
    owned = owned_course_keys(request.user, [course.translation_key for course in courses])
    in_cart = str(program.translation_key) in Cart(request.session) if hasattr(request, "session") else False
    return {
        "program_courses": courses,
        "owned_keys": owned,
        "owns_all": bool(courses) and len(owned) == len(courses),
        "your_price": program_price(program, courses, owned),
        "in_cart": in_cart,
        # A visitor without a session gets links (a page with a form would carry a CSRF token
        # and could not be shared by the page cache); the cart's own page asks to confirm.
        "add_links": add_links("program", program, request) if shareable_request(request) else None,
    }


def add_links(kind, page, request):
    """``{"buy_now": url, "add": url}``: the confirming page of the cart for ``page``."""
    fields = {"kind": kind, "page": page.pk, "next": request.path}
    base = reverse("commerce:cart_add")
    return {"buy_now": f"{base}?{urlencode({**fields, 'buy_now': '1'})}", "add": f"{base}?{urlencode(fields)}"}
