"""What the blog's changes renew in the shared cache (``caching.registry``).

Every listing of posts — the blog's pages, its tag pages, the home page's latest posts, a
post's related posts — depends on the ``BLOG`` scope (``blog/listing.py``), and so does a
post's page. Publishing, unpublishing or deleting a post renews ``BLOG``, not the whole
site; so does saving an author or a category (shown on every card). A comment renews only
its post (the discussions app's scope). The blog's own index page is in the menus: its
changes renew the site, as any page's do.
"""

from caching import registry

from .listing import BLOG
from .models import BlogAuthor, BlogCategory, BlogPage


def _page_depends_on(page):
    return [BLOG] if isinstance(page, BlogPage) else None


def _page_change_renews(page):
    return [BLOG] if isinstance(page, BlogPage) else None


registry.page_scopes(_page_depends_on, _page_change_renews)
registry.renews(BlogAuthor, lambda author: [BLOG])
registry.renews(BlogCategory, lambda category: [BLOG])
