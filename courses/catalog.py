"""The catalog listing: filters, keyword search, featured first, pagination; a constant
number of queries. Every language's catalog lists every course: a course not yet
translated into the catalog's language appears in its first language (with a badge)."""

from django.core.paginator import Paginator
from django.db.models import Min, Prefetch, Q
from wagtail.images import get_image_model

from .duration import course_duration, resource_seconds
from .forms import CatalogFilterForm

PAGE_SIZE = 12
CARD_RENDITION = "fill-640x360"


def catalog_context(index_page, request):
    from .learning.reviews import rating_summaries
    from .models import Category
    from .models.media import language_choices
    from .models.pages import Level

    categories = list(Category.objects.filter(locale_id=index_page.locale_id))
    form = CatalogFilterForm(
        request.GET or None, categories=categories, levels=Level.choices, languages=language_choices()
    )
    filters = {}
    if form.is_bound:
        form.is_valid()
        filters = {k: v for k, v in form.cleaned_data.items() if v}

    courses = courses_in_locale(index_page.locale_id).defer_streamfields()
    if filters.get("q"):
        words = filters["q"].split()
        for word in words[:8]:
            courses = courses.filter(
                Q(title__icontains=word) | Q(summary__icontains=word) | Q(description__icontains=word)
            )
    courses = filter_courses(courses, filters)
    courses = (
        courses.order_by("-featured", "title")
        .select_related("category", "locale")
        .prefetch_related(
            "instructors",
            Prefetch("cover_image", queryset=get_image_model().objects.prefetch_renditions(CARD_RENDITION)),
        )
    )
    paginator = Paginator(courses, PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    ratings = rating_summaries(course.translation_key for course in page_obj)  # one query for the page
    sizes = course_sizes(list(page_obj))  # one query for the page
    for course in page_obj:
        course.rating = ratings.get(course.translation_key)
        lessons, seconds = sizes.get(course.pk, (0, 0))
        course.card_facts = {"lessons": lessons, "duration": course_duration(course, seconds)}
        course.in_other_language = course.locale_id != index_page.locale_id
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


def courses_in_locale(locale):
    """Live, public courses for the catalog of ``locale`` (a Locale or its id): its own, plus the first version
    of every course that has no live version in ``locale`` yet. One query."""
    from .models import CoursePage

    live = CoursePage.objects.live()
    here = live.filter(locale=locale).values("translation_key")
    elsewhere = (
        live.exclude(locale=locale)
        .exclude(translation_key__in=here)
        .order_by()
        .values("translation_key")
        .annotate(first=Min("pk"))
        .values("first")
    )
    return live.filter(Q(locale=locale) | Q(pk__in=elsewhere)).public()


def course_sizes(courses):
    """``{course pk: (live resources, their seconds)}`` in one query: what the cards say
    about each course's size (a resource of an unpublished section does not count; a
    resource's seconds as ``duration.resource_seconds`` says)."""
    from django.db.models import Exists, OuterRef
    from django.db.models.functions import Length, Substr
    from wagtail.models import Page

    from .models import ResourcePage

    courses = [course for course in courses if course.pk]
    if not courses:
        return {}
    steplen = courses[0].steplen
    under = Q()
    for course in courses:
        under |= Q(path__startswith=course.path, depth=course.depth + 2)
    section_live = Page.objects.filter(live=True, path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - steplen))
    rows = (
        ResourcePage.objects.live()
        .filter(under)
        .alias(in_live_section=Exists(section_live))
        .filter(in_live_section=True)
        .values_list("path", "media_seconds", "estimated_minutes")
    )
    by_path = {course.path: course.pk for course in courses}
    sizes = {}
    for path, media_seconds, estimated_minutes in rows:
        pk = by_path.get(path[: -2 * steplen])
        if pk is not None:
            count, total = sizes.get(pk, (0, 0))
            sizes[pk] = (count + 1, total + resource_seconds(media_seconds, estimated_minutes))
    return sizes


def catalog_extras(index_page):
    """Other apps' catalog pages (``AULA_CATALOG_PAGE_TYPES``, e.g. programs), shown above the
    courses on the catalog's first page. Each page type names its card template
    (``catalog_card_template``); one query for the pages, one per page type."""
    from wagtail.models import Page

    from .models import CoursePage

    pages = Page.objects.child_of(index_page).live().public().not_type(CoursePage).specific().defer_streamfields()
    return [page for page in pages.order_by("title") if getattr(page, "catalog_card_template", None)]


def filter_courses(courses, filters):
    """The catalog's filters (category slug, level, language, "free"/"paid") on a course
    queryset; the site search applies the same ones."""
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
    return courses
