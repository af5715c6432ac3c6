"""What the discussions app's changes renew in the shared cache (``caching.registry``): a
page's thread and posts are one scope, so a post renews the pages that show that thread
(every language version of one lesson or post), never the rest of the site."""

from caching import registry

from .models import Post, Thread


def discussion(page_key):
    return f"discussion:{page_key}"


registry.renews(Thread, lambda thread: [discussion(thread.page_key)])
registry.renews(Post, lambda post: [discussion(post.thread.page_key)])
