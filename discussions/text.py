"""The markdown subset of discussion posts: paragraphs, line breaks, bold, italics, code,
quotes, lists and links. Rendered by python-markdown, then cleaned by nh3 (an allow-list
sanitiser), so no raw HTML, image, event handler, style or javascript: link survives."""

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener noreferrer"


class _DiscussionSubset(markdown_lib.Extension):
    """Raw HTML in a post is text to show, not markup: it is escaped before nh3 even sees
    it. "# 1" stays a line of text (no headings: the page owns the outline) and an image
    becomes a plain link to it (no images in posts)."""

    def extendMarkdown(self, md):  # noqa: N802 (python-markdown's name)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.parser.blockprocessors.deregister("hashheader")
        md.parser.blockprocessors.deregister("setextheader")
        md.inlinePatterns.deregister("image_link")
        md.inlinePatterns.deregister("image_reference")
        md.inlinePatterns.deregister("short_image_ref")


def render_markdown(text):
    """Markdown source -> safe HTML for a post."""
    html = markdown_lib.markdown(
        text or "", extensions=["fenced_code", "sane_lists", "nl2br", _DiscussionSubset()], output_format="html"
    )
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
