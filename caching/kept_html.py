"""HTML rendered once and kept (a shared fragment, a user's panel in their personal cache),
with what it cannot hold put in as it is served. Two things differ from one response to the
next even for the same visitor:

* the CSRF token: rendered as ``CSRF_MARK``, replaced by the response's own token;
* how long ago a moment was ("Last activity 5 minutes ago"): ``{{ when|timesince_as_served }}``
  (``shared_tags``) renders a mark naming the moment, replaced by ``timesince`` as of now;
  how long until one is ("20 minutes left"): ``{{ when|timeuntil_as_served }}``.

``render_to_keep`` renders a template that way, ``as_served`` fills the marks in. A template
with ``|timesince_as_served`` is rendered only through them: elsewhere the mark would show.
"""

import re
from datetime import UTC, datetime

from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince, timeuntil

CSRF_MARK = "\x1ecsrf\x1e"
_TIMES = re.compile("\x1e(ago|until):(-?[0-9.]+)\x1e")


def timesince_mark(moment):
    """The mark ``as_served`` replaces with the time since ``moment`` ("" for no moment)."""
    return f"\x1eago:{moment.timestamp()!r}\x1e" if isinstance(moment, datetime) else ""


def timeuntil_mark(moment):
    """The mark ``as_served`` replaces with the time until ``moment`` ("" for no moment)."""
    return f"\x1euntil:{moment.timestamp()!r}\x1e" if isinstance(moment, datetime) else ""


def render_to_keep(template_name, context, request):
    """``template_name`` rendered for ``request`` with the CSRF token as a mark."""
    return render_to_string(template_name, {**context, "csrf_token": CSRF_MARK}, request=request)


def as_served(html, csrf_token=""):
    """``html`` with this response's CSRF token and the times since put in, marked safe."""
    if CSRF_MARK in html:
        html = html.replace(CSRF_MARK, str(csrf_token))
    if "\x1eago:" in html or "\x1euntil:" in html:
        html = _TIMES.sub(_time_between, html)
    return mark_safe(html)  # noqa: S308  (rendered by a template, each part escaped there)


def _time_between(found):
    moment = datetime.fromtimestamp(float(found[2]), tz=UTC)
    return conditional_escape(timesince(moment) if found[1] == "ago" else timeuntil(moment))
