from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale

from caching.private_responses import mark_private
from caching.shared import shared_fragment, shared_value
from core.transactions import atomic_unless_reading

from .forms import MAX_QUERY_LENGTH, SearchForm
from .page_types import searchable_page_types
from .searching import site_search, suggestions

MIN_SUGGESTION_LENGTH = 2


def active_locale_id(request):
    """The visitor's language's locale (locales renew ``SITE``)."""
    return shared_value(request, f"search-locale:{get_language()}", lambda: Locale.get_active().pk)


def search_form(request, locale_id):
    from courses.models import Category
    from courses.models.media import language_choices
    from courses.models.pages import Level

    def categories():
        return [(category.slug, category.name) for category in Category.objects.filter(locale_id=locale_id)]

    return SearchForm(
        request.GET or None,
        page_types=searchable_page_types(),
        categories=shared_fragment(request, "search-categories", categories),  # categories renew SITE
        levels=Level.choices,
        languages=language_choices(),
    )


def filters_key(form):
    """What tells the versions of the filter fields apart (the same for every visitor: their
    choices and the values chosen), or "" (rendered afresh) when one has an error to show."""
    if form.is_bound and any(name in form.errors for name in SearchForm.FILTERS):
        return ""
    values = form.cleaned_data if form.is_bound else {}
    return "filters?" + urlencode([(name, values.get(name) or "") for name in SearchForm.FILTERS])


@atomic_unless_reading
def search(request):
    """The search page: a plain GET form (works without JavaScript), results below.
    Not cached: each visitor's results are marked with what they may open."""
    locale_id = active_locale_id(request)
    form = search_form(request, locale_id)
    query, filters, page_obj, results = "", {}, None, []
    if form.is_bound:
        form.is_valid()
        query, filters = form.search_terms()
        if query:
            page_obj, results = site_search(request, query, filters, request.GET.get("page"), locale_id)
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
        "filters_key": filters_key(form),
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
