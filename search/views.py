from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Locale

from caching.private_responses import mark_private
from core.transactions import atomic_unless_reading

from .forms import MAX_QUERY_LENGTH, SearchForm
from .page_types import searchable_page_types
from .searching import site_search, suggestions

MIN_SUGGESTION_LENGTH = 2


def search_form(request):
    from courses.models import Category
    from courses.models.media import language_choices
    from courses.models.pages import Level

    return SearchForm(
        request.GET or None,
        page_types=searchable_page_types(),
        categories=Category.objects.filter(locale=Locale.get_active()),
        levels=Level.choices,
        languages=language_choices(),
    )


@atomic_unless_reading
def search(request):
    """The search page: a plain GET form (works without JavaScript), results below.
    Not cached: each visitor's results are marked with what they may open."""
    form = search_form(request)
    query, filters, page_obj, results = "", {}, None, []
    if form.is_bound:
        form.is_valid()
        query, filters = form.search_terms()
        if query:
            page_obj, results = site_search(request, query, filters, request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "query": query,
        "filters": filters,
        "page_obj": page_obj,
        "results": results,
        "page_links": page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
        if page_obj
        else [],
        "search_query": params.urlencode(),
    }
    return mark_private(render(request, "search/search.html", context))


@atomic_unless_reading
def suggest(request):
    """Suggestions as you type: ``{"suggestions": [{"title", "url", "type"}]}``."""
    query = " ".join(request.GET.get("q", "").split())
    error = None
    if len(query) > MAX_QUERY_LENGTH:
        error = _("The search is too long.")
    elif "\x00" in query:  # no text holds one (PostgreSQL refuses it in a query: a 500)
        error = _("The search cannot contain a NUL character.")
    if error:
        response = JsonResponse({"error": error, "suggestions": []}, status=400)
    elif len(query) < MIN_SUGGESTION_LENGTH:
        response = JsonResponse({"suggestions": []})
    else:
        response = JsonResponse({"suggestions": suggestions(request, query)})
    return mark_private(response)
