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

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.text import capfirst
from wagtail.models import Locale, Page

from courses.access import check_access_many

from .highlight import excerpt, highlight, query_terms
from .models import TranscriptCue
from .page_types import page_type_of, searchable_page_types

PAGE_SIZE = 10
MAX_PAGE_HITS = 500
MAX_CUE_HITS = 1000
LINES_PER_RESULT = 3
SUGGESTIONS = 8
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


def _fused_ranking(page_hits, cue_hits):
    scores = {}
    for rank, pk in enumerate(page_hits):
        scores[pk] = scores.get(pk, 0) + 1 / (RANK_CONSTANT + rank)
    matches = Counter(cue.resource_id for cue in cue_hits)
    for rank, (pk, _count) in enumerate(matches.most_common()):
        scores[pk] = scores.get(pk, 0) + 1 / (RANK_CONSTANT + rank)
    return sorted(scores, key=lambda pk: -scores[pk])


def site_search(request, query, filters, page_number=1):
    """A page of results: ``(page_obj, results)``; ``filters`` holds any of ``type``,
    ``category``, ``level``, ``language``, ``price`` (validated by SearchForm)."""
    from courses.models import ResourcePage

    locale = Locale.get_active()
    types = searchable_page_types()
    if filters.get("type"):
        types = [page_type for page_type in types if page_type.key == filters["type"]]
    facets = {name: value for name, value in filters.items() if name != "type" and value}
    pages = eligible_pages(types, facets, locale)

    page_hits = [page.pk for page in pages.only("pk").search(query, operator="and")[:MAX_PAGE_HITS]]
    cue_hits = []
    if any(issubclass(ResourcePage, page_type.model_class) for page_type in types):
        cues = TranscriptCue.objects.filter(locale=locale, resource_id__in=pages.type(ResourcePage).values("pk"))
        # Not ranked by the backend (on SQLite its score is a subquery per matching cue, seconds
        # for a common word over 20,000 cues): lessons rank by how many of their cues match.
        cue_hits = list(cues.search(query, operator="and", order_by_relevance=False)[:MAX_CUE_HITS])

    access = _Access(request.user)
    page_hits, cue_hits = _open_matches(query, page_hits, cue_hits, access)
    paginator = Paginator(_fused_ranking(page_hits, cue_hits), PAGE_SIZE)
    page_obj = paginator.get_page(page_number)
    shown = access.decide(list(page_obj))
    return page_obj, _results(request, shown, access.decisions, cue_hits, types, query)


class _Access:
    """The access rule's answers for the pages a search touches, asked in bulk
    (``check_access_many``) and remembered, with the specific pages it loaded."""

    def __init__(self, user):
        self.user = user
        self.pages = {}
        self.decisions = {}

    def decide(self, pks):
        """The specific pages of ``pks`` (in that order), each with its decision."""
        missing = [pk for pk in pks if pk not in self.pages]
        if missing:
            loaded = list(Page.objects.filter(pk__in=missing).specific())
            self.pages.update((page.pk, page) for page in loaded)
            self.decisions.update(check_access_many(self.user, loaded))
        return [self.pages[pk] for pk in pks if pk in self.pages]

    def closed(self, pks):
        self.decide(pks)
        return {pk for pk in pks if pk in self.decisions and not self.decisions[pk].allowed}


def _open_matches(query, page_hits, cue_hits, access):
    """The hits a visitor may know of. A page's title is public (listings show it to all):
    a match there lists the page, open or locked. Its other text and a lesson's transcript
    match only for those the access rule lets open it. So a search never tells whether
    words occur in what the visitor may not read (no result, no count, no "said in it")."""
    titled = set()
    if page_hits:
        in_title = Page.objects.filter(pk__in=page_hits).only("pk")
        found = in_title.search(query, fields=["title"], operator="and", order_by_relevance=False)
        titled = {page.pk for page in found}
    asked = [pk for pk in page_hits if pk not in titled]
    closed = access.closed(asked + sorted({cue.resource_id for cue in cue_hits} - set(asked)))
    page_hits = [pk for pk in page_hits if pk in titled or pk not in closed]
    cue_hits = [cue for cue in cue_hits if cue.resource_id not in closed]
    return page_hits, cue_hits


def _results(request, pages, decisions, cue_hits, types, query):
    terms = query_terms(query)
    lines = {}
    for cue in cue_hits:
        lines.setdefault(cue.resource_id, []).append(cue)
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
            spoken=page.pk in lines,
        )
        if decision.allowed:  # what only those who may open it read: never for the others
            if page_type.excerpt:
                text = excerpt(page_type.excerpt(page), terms)
                if text and any(term in text.lower() for term in terms):
                    result.excerpt_html = highlight(text, terms)
            spoken = sorted(lines.get(page.pk, [])[:LINES_PER_RESULT], key=lambda cue: cue.start)
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
