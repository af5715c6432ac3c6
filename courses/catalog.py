"""The catalog listing: filters, featured first, pagination; a constant number of queries."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from wagtail.images import get_image_model

from .forms import CatalogFilterForm

PAGE_SIZE = 12
CARD_RENDITION = "fill-640x360"


def catalog_context(index_page, request):
    from .learning.reviews import rating_summaries
    from .models import Category, CoursePage
    from .models.media import language_choices
    from .models.pages import Level

    categories = list(Category.objects.filter(locale=index_page.locale))
    form = CatalogFilterForm(
        request.GET or None, categories=categories, levels=Level.choices, languages=language_choices()
    )
    filters = {}
    if form.is_bound:
        form.is_valid()
        filters = {k: v for k, v in form.cleaned_data.items() if v}

    courses = CoursePage.objects.child_of(index_page).live().public().defer_streamfields()
    if "category" in filters:
        courses = courses.filter(category__slug=filters["category"])
    if "level" in filters:
        courses = courses.filter(level=filters["level"])
    if "language" in filters:
        courses = courses.filter(language=filters["language"])
    if filters.get("price") == "free":
        courses = courses.filter(price=0)
    elif filters.get("price") == "paid":
        courses = courses.filter(price__gt=0)
    courses = (
        courses.order_by("-featured", "title")
        .select_related("category")
        .prefetch_related(
            "instructors",
            Prefetch("cover_image", queryset=get_image_model().objects.prefetch_renditions(CARD_RENDITION)),
        )
    )
    paginator = Paginator(courses, PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    ratings = rating_summaries(course.translation_key for course in page_obj)  # one query for the page
    for course in page_obj:
        course.rating = ratings.get(course.translation_key)
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "catalog_extras": [] if filters or page_obj.number > 1 else catalog_extras(index_page),
        "filter_form": form,
        "courses": page_obj,
        "page_obj": page_obj,
        # A window of page links (1 … 4 5 [6] 7 8 … 84), not one per page.
        "page_links": paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
        "filter_query": query.urlencode(),
        "is_filtered": bool(filters),
        "card_rendition": CARD_RENDITION,
    }


def catalog_extras(index_page):
    """Other apps' catalog pages (``AULA_CATALOG_PAGE_TYPES``, e.g. programs), shown above the
    courses on the catalog's first page. Each page type names its card template
    (``catalog_card_template``); one query for the pages, one per page type."""
    from wagtail.models import Page

    from .models import CoursePage

    pages = Page.objects.child_of(index_page).live().public().not_type(CoursePage).specific().defer_streamfields()
    return [page for page in pages.order_by("title") if getattr(page, "catalog_card_template", None)]
