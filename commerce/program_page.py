"""What a program page shows: its courses, its price for this visitor, what they own."""

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
        # A visitor without a session sees a page the page cache shares: its forms carry no
        # CSRF token (``commerce.origin`` checks where they come from instead).
        "shared_form": shareable_request(request),
    }
