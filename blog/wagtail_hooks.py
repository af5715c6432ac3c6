"""The blog in the admin (a "Blog" menu with authors and categories) and in the site search."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from search.page_types import HOOK, SearchablePageType

from .models import BlogAuthor, BlogCategory, BlogIndexPage, BlogPage


class BlogAuthorViewSet(SnippetViewSet):
    model = BlogAuthor
    icon = "user"
    menu_label = _("Authors")
    list_display = ["name", "user"]
    search_fields = ["name"]


class BlogCategoryViewSet(SnippetViewSet):
    model = BlogCategory
    icon = "tag"
    menu_label = _("Categories")
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]


class BlogSnippetGroup(SnippetViewSetGroup):
    menu_label = _("Blog")
    menu_icon = "doc-full"
    menu_order = 255
    items = (BlogAuthorViewSet, BlogCategoryViewSet)


register_snippet(BlogSnippetGroup)


def post_facets(pages, filters):
    """Posts have none of the catalog's filters."""
    return pages if not filters else pages.none()


@hooks.register(HOOK)
def blog_posts():
    return SearchablePageType(
        key="post", label=_("Blog posts"), model="blog.BlogPage", icon="newspaper",
        summary=lambda page: page.excerpt, facets=post_facets,
    )  # fmt: skip


# The XML sitemap lists the blogs and their posts in every language (home/sitemap.py).
hooks.register("register_sitemap_page_type", lambda: BlogIndexPage)
hooks.register("register_sitemap_page_type", lambda: BlogPage)
