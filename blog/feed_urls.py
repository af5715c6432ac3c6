"""The blog's feeds, outside ``i18n_patterns`` (included at ``feeds/blog/`` by lms_site/urls.py)."""

from django.urls import path

from .feeds import BlogAtomFeed, BlogRssFeed

urlpatterns = [
    path("<str:language>/rss/", BlogRssFeed(), name="blog_feed_rss"),
    path("<str:language>/atom/", BlogAtomFeed(), name="blog_feed_atom"),
    path("<str:language>/tag/<str:tag>/rss/", BlogRssFeed(), name="blog_tag_feed_rss"),
    path("<str:language>/tag/<str:tag>/atom/", BlogAtomFeed(), name="blog_tag_feed_atom"),
]
