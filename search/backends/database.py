"""Wagtail's database search backend, with each language's dictionary on PostgreSQL.

On SQLite (FTS5) and MySQL this is Wagtail's backend unchanged. On PostgreSQL Wagtail
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
    if connection.vendor != "postgresql":
        return _database_backend(params)
    return _postgres_backend_class()(params)


def _postgres_backend_class():
    from modelsearch.backends.database.postgres import postgres

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

    class LanguageSearchBackend(postgres.PostgresSearchBackend):
        index_class = LanguageIndex
        query_compiler_class = LanguageQueryCompiler

    return LanguageSearchBackend
