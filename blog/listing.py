"""Which posts a reader sees: the blog's pages, a tag's page, the home page's latest posts,
a post's related posts and the feeds. Only live, public posts of one language, newest
first; each listing costs the same few queries whatever the number of posts.

Listings are kept as shared fragments (the same HTML for every visitor of a language,
nothing personal in them) under the ``BLOG`` scope, which ``blog/renewals.py`` renews
whenever a post is published or unpublished, an author or a category changes.
"""

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, Prefetch
from django.http import Http404
from django.template.loader import render_to_string
from taggit.models import Tag
from wagtail.images import get_image_model

from caching.shared import shared_fragment
from core.localized import active_locale_id

from .models import BlogIndexPage, BlogPage

BLOG = "blog"  # the scope of every listing of posts (caching.scopes)
PER_PAGE = 10
CARD_RENDITION = "fill-640x360"
MAX_PAGE_NUMBER = 10_000


def live_posts(locale_id):
    """The posts readers may see in a language: live and public. A scheduled post is not
    live before its time, a draft never."""
    return BlogPage.objects.live().public().filter(locale_id=locale_id)


def as_cards(posts):
    """``posts`` with what a card shows, in a constant number of queries."""
    covers = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
    return (
        posts.defer_streamfields()
        .select_related("author", "category")
        .prefetch_related(Prefetch("cover_image", queryset=covers), "tags")
        .order_by("-date", "-first_published_at", "-pk")
    )


def page_number(request):
    """The ``?page=`` asked for (1 without one); anything but a number is a 404."""
    raw = request.GET.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_NUMBER:
        raise Http404
    return int(raw)


def posts_page(index, number, tag=None):
    """Page ``number`` of ``index``'s posts (of ``tag``'s only, if given); a page that does
    not exist is a 404."""
    posts = live_posts(index.locale_id).child_of(index)
    if tag is not None:
        posts = posts.filter(tagged_items__tag=tag)
    try:
        return Paginator(as_cards(posts), PER_PAGE).page(number)
    except InvalidPage:
        raise Http404 from None


def tag_in_blog(index, slug):
    """The tag called ``slug`` if a live post of ``index`` carries it, else None."""
    posts = live_posts(index.locale_id).child_of(index)
    return Tag.objects.filter(slug=slug, blog_blogpagetag_items__content_object__in=posts).distinct().first()


def listing_html(request, index, tag, number):
    """The cards and page links of one page of ``index`` (of ``tag``), rendered once for
    every visitor until a post changes; a page that does not exist is a 404."""

    def build():
        posts = posts_page(index, number, tag)
        return render_to_string(
            "blog/includes/listing.html",
            {"page_obj": posts, "posts": list(posts), "index": index, "tag": tag, "request": request},
        )

    name = f"blog-listing:{index.pk}:{tag.slug if tag else ''}:{number}"
    return shared_fragment(request, name, build, scopes=[BLOG])


def blog_index_for(request, locale_id=None):
    """The live blog of the active language (or of ``locale_id``), or None."""
    locale_id = locale_id or active_locale_id()
    return BlogIndexPage.objects.live().filter(locale_id=locale_id).first()


def latest_posts(locale_id, count):
    """The ``count`` newest posts of a language, as cards."""
    return list(as_cards(live_posts(locale_id))[:count])


def related_posts(post, count=3):
    """Posts of the same language sharing the most tags with ``post`` (newest first among
    equals); none when it has no tag."""
    tag_ids = list(post.tagged_items.values_list("tag_id", flat=True)) if post.pk else []
    if not tag_ids:
        return []
    posts = (
        live_posts(post.locale_id)
        .exclude(pk=post.pk)
        .filter(tagged_items__tag_id__in=tag_ids)
        .annotate(shared_tags=Count("tagged_items", distinct=True))
    )
    return list(as_cards(posts).order_by("-shared_tags", "-date", "-first_published_at", "-pk")[:count])
