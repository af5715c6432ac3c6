"""The site search: pages of every registered type (search/page_types.py) and the spoken
words of their videos and audios (TranscriptCue), in the visitor's language, marked with
the access rule's answer for the visitor.

A constant number of queries whatever the number of results: the page hits and the cue
hits are two searches (at most ``MAX_PAGE_HITS`` and ``MAX_CUE_HITS`` each); a third finds
which page hits match in their title; the access rule decides in bulk
(``check_access_many``, one query per page type to load the pages) for the others and
for the lessons whose words are spoken; what may be known is merged by reciprocal-rank
fusion and paginated in memory; the rule decides for the pages shown not yet decided.

What a visitor may not open is listed (discovery) with the rule's reason only when the
query matches its title, and never shows more than its public summary: its body and its
transcript neither match nor show (no excerpt, no line, no "said in this lesson").
"""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.text import capfirst
from wagtail.models import Locale, Page

from caching.scopes import CATALOG
from caching.shared import shared_fragment
from courses.access import check_access_many

from .highlight import excerpt, highlight, query_terms
from .models import TranscriptCue
from .page_types import page_type_of, page_type_of_model, searchable_page_types

PAGE_SIZE = 10
MAX_PAGE_HITS = 500
MAX_CUE_HITS = 1000
LINES_PER_RESULT = 3
SUGGESTIONS = 8
FEW_TITLES = 2 * PAGE_SIZE  # decided with the rest, not after paginating
RANK_CONSTANT = 60  # reciprocal-rank fusion: score = Σ 1 / (RANK_CONSTANT + rank)


@dataclass
class TranscriptLine:
    start: float
    text_html: str
    url: str

    @property
    def second(self):
        return int(self.start)


@dataclass
class SearchResult:
    page: Page
    page_type: object
    url: str
    decision: object
    title_html: str
    summary_html: str
    excerpt_html: str = ""
    course: object = None
    lines: list = field(default_factory=list)
    spoken: bool = False  # the query matched words spoken in it

    @property
    def icon(self):
        """A resource's kind icon (video, reading…), else the page type's."""
        from courses.templatetags.course_tags import KIND_ICONS

        return KIND_ICONS.get(getattr(self.page, "kind", None), self.page_type.icon)

    @property
    def type_name(self):
        """What the result is: a resource's kind ("Video"), else its page type's name."""
        kind = getattr(self.page, "get_kind_display", None)
        return kind() if kind else capfirst(self.page._meta.verbose_name)

    @property
    def locked(self):
        return not self.decision.allowed


def eligible_pages(types, facets, locale):
    """Live, public pages of ``types`` in ``locale``, none under an unpublished page (a
    draft course's resources, an unpublished section's), narrowed by the filters."""
    models = [page_type.model_class for page_type in types]
    pages = Page.objects.live().public().filter(locale=locale).type(*models)
    hidden = Page.objects.filter(locale=locale, live=False, numchild__gt=0).values_list("path", flat=True)
    under_hidden = Q()
    for path in hidden:
        under_hidden |= Q(path__startswith=path)
    if under_hidden:
        pages = pages.exclude(under_hidden)
    if facets:
        matching = Q()
        for page_type in types:
            model = page_type.model_class
            matching |= Q(pk__in=page_type.facets(model.objects.filter(locale=locale), facets).values("pk"))
        pages = pages.filter(matching)
    return pages


@dataclass(frozen=True)
class Hits:
    """What a query finds in one language, the same for every visitor (kept in the shared
    cache until a page is published or unpublished, or cues are indexed): the page hits in
    rank order, those matching in their title, each hit's content type, the lessons whose
    words are spoken in rank order (most matching cues first) and the first matching cues
    of each as ``(start, text, track URL)``."""

    pages: tuple = ()
    titled: frozenset = frozenset()
    content_types: dict = field(default_factory=dict)
    spoken: tuple = ()
    cues: dict = field(default_factory=dict)


def find(query, types, facets, locale):
    """The ``Hits`` of ``query`` over the pages of ``types`` in ``locale`` (an id) narrowed
    by ``facets``."""
    from courses.models import ResourcePage

    pages = eligible_pages(types, facets, locale)
    found = pages.only("pk", "content_type_id").search(query, operator="and")[:MAX_PAGE_HITS]
    content_types = {page.pk: page.content_type_id for page in found}
    page_hits = tuple(content_types)
    titled = frozenset()
    if page_hits:
        in_title = Page.objects.filter(pk__in=page_hits).only("pk")
        found = in_title.search(query, fields=["title"], operator="and", order_by_relevance=False)
        titled = frozenset(page.pk for page in found)
    spoken, cues = (), {}
    if any(issubclass(ResourcePage, page_type.model_class) for page_type in types):
        candidates = TranscriptCue.objects.filter(
            locale=locale, resource_id__in=pages.type(ResourcePage).values("pk")
        ).only("resource_id", "start", "text", "track_url")
        # Not ranked by the backend (on SQLite its score is a subquery per matching cue, seconds
        # for a common word over 20,000 cues): lessons rank by how many of their cues match.
        matched = list(candidates.search(query, operator="and", order_by_relevance=False)[:MAX_CUE_HITS])
        spoken = tuple(pk for pk, _count in Counter(cue.resource_id for cue in matched).most_common())
        for cue in matched:
            lines = cues.setdefault(cue.resource_id, [])
            if len(lines) < LINES_PER_RESULT:
                lines.append((cue.start, cue.text, cue.track_url))
        resource_type = ContentType.objects.get_for_model(ResourcePage).pk
        content_types.update((pk, resource_type) for pk in spoken if pk not in content_types)
    return Hits(page_hits, titled, content_types, spoken, cues)


def shared_hits(request, query, filters, types, facets, locale):
    """``find``'s answer from the shared cache (per language and query; what any publishing,
    unpublishing or new transcript renews: ``CATALOG``, or ``SITE`` outside courses)."""
    key = json.dumps([query, filters.get("type", ""), sorted(facets.items()), locale])
    name = "search:" + hashlib.sha256(key.encode()).hexdigest()
    return shared_fragment(request, name, lambda: find(query, types, facets, locale), scopes=[CATALOG])


def _fused_ranking(page_hits, spoken):
    """Reciprocal-rank fusion of two rankings of page ids."""
    scores = {}
    for ranking in (page_hits, spoken):
        for rank, pk in enumerate(ranking):
            scores[pk] = scores.get(pk, 0) + 1 / (RANK_CONSTANT + rank)
    return sorted(scores, key=lambda pk: -scores[pk])


def site_search(request, query, filters, page_number=1, locale_id=None):
    """A page of results: ``(page_obj, results)``; ``filters`` holds any of ``type``,
    ``category``, ``level``, ``language``, ``price`` (validated by SearchForm); the
    visitor's language's locale id, else the active locale."""
    locale = locale_id or Locale.get_active().pk
    types = searchable_page_types()
    if filters.get("type"):
        types = [page_type for page_type in types if page_type.key == filters["type"]]
    facets = {name: value for name, value in filters.items() if name != "type" and value}
    hits = shared_hits(request, query, filters, types, facets, locale)

    access = _Access(request.user, hits.content_types, types)
    page_hits, spoken = _open_matches(hits, access)
    paginator = Paginator(_fused_ranking(page_hits, spoken), PAGE_SIZE)
    page_obj = paginator.get_page(page_number)
    shown = access.decide(list(page_obj))
    cues = {pk: hits.cues[pk] for pk in spoken}  # of the lessons the visitor may open
    return page_obj, _results(request, shown, access.decisions, cues, types, query)


class _Access:
    """The access rule's answers for the pages a search touches, asked in bulk
    (``check_access_many``) and remembered, with the specific pages it loaded: one query
    per page type (each hit's type is known), the body only of types that show an excerpt
    to those who may open them."""

    def __init__(self, user, content_types, types):
        self.user = user
        self.content_types = content_types
        self.types = types
        self.pages = {}
        self.decisions = {}

    def decide(self, pks):
        """The specific pages of ``pks`` (in that order), each with its decision."""
        by_model = {}
        for pk in pks:
            if pk not in self.pages:
                model = ContentType.objects.get_for_id(self.content_types[pk]).model_class()
                by_model.setdefault(model, []).append(pk)
        loaded = []
        for model, ids in by_model.items():
            pages = model.objects.filter(pk__in=ids)
            page_type = page_type_of_model(model, self.types)
            if page_type is None or page_type.excerpt is None:
                pages = pages.defer_streamfields()
            loaded += pages
        if loaded:
            self.pages.update((page.pk, page) for page in loaded)
            self.decisions.update(check_access_many(self.user, loaded))
        return [self.pages[pk] for pk in pks if pk in self.pages]

    def closed(self, pks):
        self.decide(pks)
        return {pk for pk in pks if pk in self.decisions and not self.decisions[pk].allowed}


def _open_matches(hits, access):
    """The hits a visitor may know of. A page's title is public (listings show it to all):
    a match there lists the page, open or locked. Its other text and a lesson's transcript
    match only for those the access rule lets open it. So a search never tells whether
    words occur in what the visitor may not read (no result, no count, no "said in it")."""
    asked = [pk for pk in hits.pages if pk not in hits.titled]
    asked += sorted(set(hits.spoken) - set(asked))
    listed = [pk for pk in hits.pages if pk in hits.titled and pk not in hits.spoken]
    if len(listed) <= FEW_TITLES:  # the rule's answers for the titles shown, in the same round
        asked += listed
    closed = access.closed(asked)
    page_hits = [pk for pk in hits.pages if pk in hits.titled or pk not in closed]
    spoken = [pk for pk in hits.spoken if pk not in closed]
    return page_hits, spoken


@dataclass(frozen=True)
class _Cue:
    start: float
    text: str
    track_url: str

    @property
    def second(self):
        return int(self.start)


def _results(request, pages, decisions, cues, types, query):
    terms = query_terms(query)
    results = []
    for page in pages:
        page_type = page_type_of(page, types)
        decision = decisions[page.pk]
        url = page.get_url(request) or ""
        result = SearchResult(
            page=page,
            page_type=page_type,
            url=url,
            decision=decision,
            title_html=highlight(page.title, terms),
            summary_html=highlight(excerpt(page_type.summary(page) or "", terms), terms),
            course=getattr(page, "course", None) if page_type.key != "course" else None,
            spoken=page.pk in cues,
        )
        if decision.allowed:  # what only those who may open it read: never for the others
            if page_type.excerpt:
                text = excerpt(page_type.excerpt(page), terms)
                if text and any(term in text.lower() for term in terms):
                    result.excerpt_html = highlight(text, terms)
            spoken = sorted((_Cue(*cue) for cue in cues.get(page.pk, ())), key=lambda cue: cue.start)
            result.lines = [TranscriptLine(cue.start, highlight(cue.text, terms), line_url(url, cue)) for cue in spoken]
        results.append(result)
    return results


def line_url(page_url, cue):
    """The page at the second a cue is spoken, naming the caption track it is in: the page
    may hold several players, and player.js seeks the one that serves that track."""
    query = {"t": cue.second}
    if cue.track_url:
        query["track"] = cue.track_url
    return f"{page_url}?{urlencode(query, safe='/')}"


def suggestions(request, query):
    """Titles starting like what is being typed: ``[{"title", "url", "type"}]``."""
    locale = Locale.get_active()
    types = searchable_page_types()
    pages = eligible_pages(types, {}, locale)
    found = []
    for page in pages.autocomplete(query)[:SUGGESTIONS]:
        model = page.specific_class
        found.append(
            {"title": page.title, "url": page.get_url(request) or "", "type": str(capfirst(model._meta.verbose_name))}
        )
    return found
