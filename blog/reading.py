"""How long a post takes to read, from the words of its body."""

import math
import re

from django.utils.html import strip_tags

WORDS_PER_MINUTE = 200
_WORD = re.compile(r"\w+", re.UNICODE)


def body_text(body):
    """The readable text of a post's body: rich text without its tags, quotes, captions
    and code (a media block counts only by its title)."""
    parts = []
    for block in body or []:
        parts.extend(_texts(block.value))
    return " ".join(parts)


def _texts(value):
    if value is None:
        return []
    if isinstance(value, str):
        return [strip_tags(value)]
    source = getattr(value, "source", None)  # RichText
    if isinstance(source, str):
        return [strip_tags(source)]
    if hasattr(value, "items"):  # StructValue: its texts (titles, captions, the quote, the code)
        return [text for item in value.values() for text in _texts(item)]
    return []  # an image, a video, an embed: no words


def reading_minutes(body):
    """Whole minutes at ``WORDS_PER_MINUTE`` (at least one)."""
    words = len(_WORD.findall(body_text(body)))
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
