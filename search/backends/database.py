"""Wagtail's database search backend, with each language's dictionary on PostgreSQL.

On MariaDB/MySQL it searches only the fields asked for (see ``_mysql_backend_class``); on
SQLite (FTS5) it matches full-text first (see ``_sqlite_backend_class``: seconds →
milliseconds over 20,000 cues). On PostgreSQL Wagtail
uses one text-search configuration (``SEARCH_CONFIG``) for everything; Aula's pages and
transcript cues are in several languages, so here each object is indexed with its own
language's dictionary (a page's locale, a cue's locale) and each query is parsed with
the visitor's (``get_language()``): Spanish words are stemmed as Spanish, French as
French. ``AULA_SEARCH_DICTIONARIES`` maps a language code to a PostgreSQL configuration;
a language without one uses ``SEARCH_CONFIG`` (else ``simple``).
"""

import copy
from collections import defaultdict

from django.conf import settings
from django.db import connection
from django.utils.translation import get_language
from wagtail.search.backends.database import SearchBackend as _database_backend


def dictionary_for(language, default=None):
    """The PostgreSQL text-search configuration for ``language`` ("pt-br" → "portuguese")."""
    dictionaries = getattr(settings, "AULA_SEARCH_DICTIONARIES", {})
    code = (language or "").lower()
    return dictionaries.get(code) or dictionaries.get(code.split("-")[0]) or default or "simple"


def object_language(obj):
    """The language an indexed object is written in: its locale's, else None."""
    locale_id = getattr(obj, "locale_id", None)
    if locale_id is None:
        return None
    from wagtail.models import Locale

    if locale_id not in _LOCALE_CODES:  # locales are few and never change their code
        _LOCALE_CODES.update(Locale.objects.values_list("pk", "language_code"))
    return _LOCALE_CODES.get(locale_id)


_LOCALE_CODES = {}


def SearchBackend(params):  # noqa: N802 — Wagtail's backend loader calls this name
    if connection.vendor == "postgresql":
        return _postgres_backend_class()(params)
    if connection.vendor == "mysql":
        return _mysql_backend_class()(params)
    backend = _database_backend(params)
    if type(backend).__module__.endswith("sqlite.sqlite"):
        backend = _sqlite_backend_class()(params)
    return backend


def _sqlite_backend_class():
    """Wagtail's SQLite FTS5 backend, with the matching done FTS-first.

    Its query asks for index entries that match AND belong to the model's content types;
    SQLite then walks every index entry of those types (its b-tree index looks cheaper)
    and runs the full-text match once per entry: over 20,000 transcript cues, a third of a
    second even for a word that matches nothing, seconds for a common one. Here the
    content-type test is written ``content_type_id + 0 IN (…)``, which no index serves, so
    SQLite starts from the full-text match (a few ms) and looks each entry up by rowid.
    The rest is the backend's own ``search`` unchanged (the per-result score subquery
    already uses the (content type, object id) index)."""
    from django.db.models import F, FloatField, OuterRef, Subquery
    from modelsearch.backends.database.sqlite import sqlite
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
    from modelsearch.query import MatchAll, Not
    from modelsearch.utils import get_descendants_content_types_pks

    class FtsFirstQueryCompiler(sqlite.SQLiteSearchQueryCompiler):
        def search(self, config, start, stop, score_field=None):
            query = normalize(self.query)
            if isinstance(query, MatchAll):
                return self.queryset[start:stop]
            if isinstance(query, Not) and isinstance(query.subquery, MatchAll):
                return self.queryset.none()
            negated = isinstance(query, Not)
            if negated:
                query = query.subquery
            match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config))
            content_types = get_descendants_content_types_pks(self.queryset.model)
            entries = sqlite.SQLiteFTSIndexEntry.objects.filter(match).select_related("index_entry")
            matched_ids = (
                entries.alias(_content_type=F("index_entry__content_type_id") + 0)
                .filter(_content_type__in=content_types)
                .values_list("index_entry__object_id", flat=True)
            )
            queryset = (
                self.queryset.exclude(pk__in=matched_ids) if negated else self.queryset.filter(pk__in=matched_ids)
            )
            if self.order_by_relevance and score_field is None and not negated:
                score_field = "_score"
            if score_field is not None and not negated:
                scored = entries.filter(index_entry__content_type__in=content_types).annotate(
                    score=self._build_rank_expression(self.get_search_vectors(), config)
                )
                score = scored.filter(index_entry__object_id=OuterRef("pk")).values("score")[:1]
                queryset = queryset.annotate(**{score_field: Subquery(score, output_field=FloatField())})
                if self.order_by_relevance:
                    queryset = queryset.order_by(score_field, "-pk")
            if not self.order_by_relevance and not queryset.query.order_by:
                queryset = queryset.order_by("-pk")
            return queryset[start:stop]

    class FtsFirstSearchBackend(sqlite.SQLiteSearchBackend):
        query_compiler_class = FtsFirstQueryCompiler

    return FtsFirstSearchBackend


# InnoDB's defaults (innodb_ft_min_token_size, INFORMATION_SCHEMA.INNODB_FT_DEFAULT_STOPWORD).
MYSQL_MIN_WORD = 3
MYSQL_STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "an",
        "are",
        "as",
        "at",
        "be",
        "by",
        "com",
        "de",
        "en",
        "for",
        "from",
        "how",
        "i",
        "in",
        "is",
        "it",
        "la",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "was",
        "what",
        "when",
        "where",
        "who",
        "will",
        "with",
        "und",
        "www",
    ]
)


def _mysql_backend_class():
    """Wagtail's MariaDB/MySQL backend, searching only the fields asked for.

    Its index keeps two columns, each with its own full-text index: ``title`` (the fields
    named "title") and ``body`` (every other field). Its query matches both whatever
    ``.search(fields=…)`` asks, so a search in titles only also matched the body: the site
    search then took a lesson whose body holds the words for one whose title does, and
    listed a paid lesson to visitors who may not read it (search/searching.py). Here
    ``fields`` chooses the columns: ``["title"]`` the title's alone; other fields the body
    (which holds them, among the rest)."""
    import re

    from modelsearch.backends.database.mysql import mysql
    from modelsearch.query import PlainText

    class FieldsQueryCompiler(mysql.MySQLSearchQueryCompiler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if self.fields:
                asked = {"title" if name == "title" else "body" for name in self.fields}
                self.FTS_TABLE_FIELDS = [column for column in ("title", "body") if column in asked]

        def build_search_query_content(self, query, invert=False):
            # Every word is required, but InnoDB indexes no word shorter than
            # innodb_ft_min_token_size (3) and none of its stop words: "closest to the Sun"
            # required "to" and "the" and found nothing. Those words are left out of the query.
            if isinstance(query, PlainText):
                words = [
                    word for word in re.split(r"\W+", query.query_string)
                    if len(word) >= MYSQL_MIN_WORD and word.lower() not in MYSQL_STOP_WORDS
                ]  # fmt: skip
                query = PlainText(" ".join(words), operator=query.operator, boost=query.boost)
            return super().build_search_query_content(query, invert=invert)

    class FieldsSearchBackend(mysql.MySQLSearchBackend):
        query_compiler_class = FieldsQueryCompiler

    return FieldsSearchBackend


def _postgres_backend_class():
    from django.db.models import Q
    from modelsearch.backends.database.postgres import postgres
    from modelsearch.query import PlainText

    class LanguageIndex(postgres.PostgresIndex):
        def add_items(self, model, objs):
            by_language = defaultdict(list)
            for obj in objs:
                by_language[object_language(obj)].append(obj)
            backend = self.backend
            try:
                for language, group in by_language.items():
                    self.backend = copy.copy(backend)
                    self.backend.config = dictionary_for(language, backend.config)
                    super().add_items(model, group)
            finally:
                self.backend = backend

    class LanguageQueryCompiler(postgres.PostgresSearchQueryCompiler):
        def get_config(self, backend):
            return dictionary_for(get_language(), backend.config)

        def search(self, config, start, stop, score_field=None, backend=None):
            # Wagtail matches ``title || body`` (a concatenation no GIN index serves: every
            # index entry of the model is read). A document matching the query contains at
            # least one of its words in its title or its body, which the GIN indexes answer:
            # that narrows the rows first; the exact match is then checked on those only.
            if isinstance(self.query, PlainText) and self.fields is None:
                any_word = self.build_tsquery(PlainText(self.query.query_string, operator="or"), config=config)
                self.queryset = self.queryset.filter(Q(index_entries__title=any_word) | Q(index_entries__body=any_word))
            return super().search(config, start, stop, score_field=score_field, backend=backend)

    class LanguageSearchBackend(postgres.PostgresSearchBackend):
        index_class = LanguageIndex
        query_compiler_class = LanguageQueryCompiler

    return LanguageSearchBackend
