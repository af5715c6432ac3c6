"""The top of the page tree (the home pages and their children, such as the catalog) as the
``home`` app reads it for every page's frame — one query per request with the caches off,
none with them on (``home/frame.py``) — offered here to the apps below it, which may not
import ``home``: a course's breadcrumb takes its catalog from it instead of a query.

``home`` offers its reader at start-up (``home/apps.py``); without it (an app tested alone)
``top_page`` answers None and the caller reads the page itself.
"""

_reader = None


def offer(reader):
    """``reader(request, path)``: the page at ``path`` if it is at the top of the tree (a
    ``Page`` holding its place, URL path, title and language, not its content), else None."""
    global _reader  # noqa: PLW0603
    _reader = reader


def top_page(request, path):
    return _reader(request, path) if _reader is not None and request is not None else None
