"""Markdown for resource bodies, sanitised with nh3 (an allow-list HTML sanitiser): no
script, event handler, style or javascript: link ever survives."""

import re

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3", "h4", "h5", "h6",
    "hr", "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "code": {"class"}}
URL_SCHEMES = {"http", "https", "mailto"}

_HEADING = re.compile(r"<(/?)h([1-5])\b")


def render_markdown(text):
    """Markdown source -> safe HTML. Headings move one level down (the page owns the
    h1); images are dropped (use the image block, which has alt text and renditions)."""
    html = markdown_lib.markdown(text or "", extensions=["tables", "fenced_code", "sane_lists"], output_format="html")
    html = _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
