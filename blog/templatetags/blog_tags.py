"""``{% blog_feed_links page tag %}``: the head's autodiscovery links of the blog's feeds
(the page's language; the tag's feeds too on a tag page)."""

from django import template
from django.utils.translation import gettext as _

from ..feeds import feed_path

register = template.Library()


@register.inclusion_tag("blog/includes/feed_links.html")
def blog_feed_links(page, tag=None):
    language = page.locale.language_code
    links = [
        {"type": "application/rss+xml", "title": _("Blog (RSS)"), "href": feed_path(language, "rss")},
        {"type": "application/atom+xml", "title": _("Blog (Atom)"), "href": feed_path(language, "atom")},
    ]
    if tag is not None:
        links += [
            {
                "type": "application/rss+xml",
                "title": _("Posts tagged “%(tag)s” (RSS)") % {"tag": tag.name},
                "href": feed_path(language, "rss", tag.slug),
            },
            {
                "type": "application/atom+xml",
                "title": _("Posts tagged “%(tag)s” (Atom)") % {"tag": tag.name},
                "href": feed_path(language, "atom", tag.slug),
            },
        ]
    return {"links": links}
