"""Marking the words of a query in text shown on the results page, safely: the text is
split at the matches, every piece (matched or not) is HTML-escaped, and only then are the
matches wrapped in ``<mark>``. Nothing of the text is ever trusted as HTML."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

MIN_TERM_LENGTH = 2


def query_terms(query):
    """The words of a query, lowercased, each once, longest first (so "learning" wins over
    "learn" where both match)."""
    words = {word.lower() for word in re.findall(r"\w+", query or "") if len(word) >= MIN_TERM_LENGTH}
    return sorted(words, key=lambda word: (-len(word), word))


def _pattern(terms):
    if not terms:
        return None
    # A word starting with a term: "caption" marks "captions" (the backends stem words).
    return re.compile(r"\b(?:" + "|".join(re.escape(term) for term in terms) + r")\w*", re.IGNORECASE)


def highlight(text, terms):
    """``text`` as safe HTML with each word that starts with one of ``terms`` in <mark>."""
    text = text or ""
    pattern = _pattern(terms)
    if pattern is None:
        return escape(text)
    pieces, position = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 — every piece was escaped above


def excerpt(text, terms, width=220):
    """A window of ``text`` around its first match (or its start), at most ``width``
    characters, with ellipses where it was cut; plain text (highlight it afterwards)."""
    text = " ".join((text or "").split())
    if len(text) <= width:
        return text
    pattern = _pattern(terms)
    match = pattern.search(text) if pattern else None
    start = max(0, (match.start() if match else 0) - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + width // 2 else end
    return ("… " if start else "") + text[start:end] + (" …" if end < len(text) else "")
