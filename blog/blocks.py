"""StreamField blocks of a blog post, and the home page's "Latest posts" block.

A post's body reuses the course content blocks where they fit (rich text, image, video,
audio with captions, embed: ``courses/blocks.py``) and adds two of its own, a quote and a
code listing. Every block has a template, a preview value and a description, so the block
picker and the editor preview work.

``LatestPostsBlock`` is contributed to the home page through the ``AULA_HOME_BODY_BLOCKS``
setting: the home app never imports the blog.
"""

import hashlib

from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from courses.blocks import AudioBlock, CourseEmbedBlock, FigureBlock, RichTextBlock, VideoBlock

CODE_LANGUAGES = [
    ("", _("Plain text")),
    ("python", "Python"),
    ("javascript", "JavaScript"),
    ("html", "HTML"),
    ("css", "CSS"),
    ("bash", _("Shell")),
    ("sql", "SQL"),
    ("json", "JSON"),
]


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    source = blocks.CharBlock(label=_("Source"), required=False, help_text=_("Who said or wrote it."))

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blog/blocks/quote.html"
        description = _("A quotation, with who said or wrote it.")
        preview_value = {
            "text": "Tell me and I forget, teach me and I may remember, involve me and I learn.",
            "source": "Xunzi",
        }


class CodeBlock(blocks.StructBlock):
    language = blocks.ChoiceBlock(label=_("Language"), choices=CODE_LANGUAGES, required=False)
    code = blocks.TextBlock(label=_("Code"))
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "code"
        label = _("Code")
        template = "blog/blocks/code.html"
        description = _("A listing of program code, shown as written, with its spaces and line breaks.")
        preview_value = {"language": "python", "code": 'def greet(name):\n    return f"Hello, {name}!"', "caption": ""}


def post_body_blocks():
    """The blocks of a blog post's body."""
    return [
        ("rich_text", RichTextBlock()),
        ("image", FigureBlock()),
        ("video", VideoBlock()),
        ("audio", AudioBlock()),
        ("embed", CourseEmbedBlock()),
        ("quote", QuoteBlock()),
        ("code", CodeBlock()),
    ]


class LatestPostsBlock(blocks.StructBlock):
    """The newest live posts in the visitor's language, with a link to the blog."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    count = blocks.IntegerBlock(label=_("How many"), min_value=1, max_value=12, default=3)

    class Meta:
        icon = "doc-full"
        label = _("Latest posts")
        template = "blog/blocks/latest_posts.html"
        description = _("Cards of the blog's newest posts in the visitor's language, with a link to the blog.")
        preview_value = {"heading": "From the blog", "count": 3}

    def get_context(self, value, parent_context=None):
        from core.localized import active_locale_id

        from .listing import blog_index_for, latest_posts

        context = super().get_context(value, parent_context=parent_context)
        locale_id = active_locale_id()
        context["posts"] = latest_posts(locale_id, value["count"])
        context["blog"] = blog_index_for(None, locale_id)
        return context

    def render(self, value, context=None):
        """The same HTML for every visitor of a language, until a post changes (``BLOG``)."""
        from caching.shared import shared_fragment
        from core.localized import active_locale_id

        from .listing import BLOG

        request = (context or {}).get("request")
        if request is None:
            return super().render(value, context)
        heading = hashlib.sha256(value["heading"].encode()).hexdigest()[:16]  # a key without spaces
        name = f"blog-latest:{active_locale_id()}:{value['count']}:{heading}"
        html = shared_fragment(request, name, lambda: str(super(LatestPostsBlock, self).render(value, context)), [BLOG])
        return mark_safe(html)  # noqa: S308 — our own template's output
