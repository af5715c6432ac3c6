"""The blog: one ``BlogIndexPage`` per language under its home page, ``BlogPage`` posts
under it, and two snippets: ``BlogAuthor`` (who wrote a post) and ``BlogCategory``
(translated with wagtail-localize). Tags are django-taggit's, through ``BlogPageTag``.

The index serves its own sub-pages (``RoutablePageMixin``): ``tag/<slug>/`` lists the
posts of one tag in the index's language. Listings and related posts are built by
``blog/listing.py``; reading time by ``blog/reading.py``; who may comment by
``blog/comments.py`` (the discussions app asks the page).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index

from core.seo import SeoPage
from home.models import ThemePreviewMixin

from .blocks import post_body_blocks


class AuthorLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), max_length=80)
    url = blocks.URLBlock(label=_("Address"))

    class Meta:
        icon = "link"
        label = _("Link")
        template = "blog/blocks/author_link.html"
        description = _("A link to the author's site or profile elsewhere.")
        preview_value = {"label": "Website", "url": "https://example.org/"}


class BlogAuthor(models.Model):
    """Who wrote a post. May be linked to a user of the site (an instructor), who is then
    told of comments on their posts."""

    name = models.CharField(_("name"), max_length=120)
    photo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("photo"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    bio = models.TextField(_("bio"), blank=True, max_length=1000)
    links = StreamField([("link", AuthorLinkBlock())], blank=True, verbose_name=_("links"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="blog_authors",
        help_text=_("The author's account on this site (an instructor, an editor): told of comments on their posts."),
    )  # fmt: skip

    panels = [FieldPanel("name"), FieldPanel("photo"), FieldPanel("bio"), FieldPanel("links"), FieldPanel("user")]

    class Meta:
        verbose_name = _("blog author")
        verbose_name_plural = _("blog authors")
        ordering = ["name"]

    def __str__(self):
        return self.name


class BlogCategory(TranslatableMixin, models.Model):
    """A subject of the blog (News, Teaching…); translated with wagtail-localize."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("blog category")
        verbose_name_plural = _("blog categories")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["locale", "slug"], name="unique_blog_category_slug_per_locale")]

    def __str__(self):
        return self.name


class BlogPageTag(TaggedItemBase):
    content_object = ParentalKey("blog.BlogPage", on_delete=models.CASCADE, related_name="tagged_items")


class BlogIndexPage(SeoPage, ThemePreviewMixin, RoutablePageMixin, Page):
    """The blog of one language: its posts newest first, ten a page, and a page per tag."""

    sitemap_scopes = ["blog"]  # blog/listing.py's BLOG (blog/renewals.py)

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.BlogPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("blog")

    @path("")
    def posts(self, request):
        return self._listing(request, tag=None)

    @path("tag/<str:tag_slug>/")
    def tag(self, request, tag_slug):
        from django.http import Http404

        from .listing import tag_in_blog

        tag = tag_in_blog(self, tag_slug)
        if tag is None:
            raise Http404
        return self._listing(request, tag=tag)

    def _listing(self, request, tag):
        from .listing import listing_html, page_number

        listing = listing_html(request, self, tag, page_number(request))
        return self.render(request, context_overrides={"tag": tag, "listing": listing})

    def tag_url(self, tag_slug, request=None):
        return self.get_url(request=request) + self.reverse_subpage("tag", kwargs={"tag_slug": tag_slug})


class BlogPage(SeoPage, ThemePreviewMixin, Page):
    """A post: written by an author, dated, with a cover, an excerpt, tags and a body."""

    author = models.ForeignKey(
        BlogAuthor, verbose_name=_("author"), null=True, blank=True, on_delete=models.SET_NULL, related_name="posts"
    )
    date = models.DateField(_("date"), default=timezone.localdate, help_text=_("The date shown on the post."))
    excerpt = models.TextField(
        _("excerpt"), max_length=400, help_text=_("One or two sentences shown in listings, feeds and search results.")
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("cover image"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    cover_alt = models.CharField(
        _("cover image description"), max_length=250, blank=True,
        help_text=_("What the cover shows, for people who cannot see it. Leave empty if it is only decoration."),
    )  # fmt: skip
    category = models.ForeignKey(
        BlogCategory, verbose_name=_("category"), null=True, blank=True, on_delete=models.SET_NULL, related_name="posts"
    )
    tags = ClusterTaggableManager(through=BlogPageTag, blank=True, verbose_name=_("tags"))
    body = StreamField(post_body_blocks(), blank=True, verbose_name=_("body"))
    comments_open = models.BooleanField(
        _("comments open"), default=True, help_text=_("Let signed-in readers comment on this post.")
    )
    reading_minutes = models.PositiveSmallIntegerField(_("reading time (minutes)"), default=1, editable=False)

    content_panels = Page.content_panels + [
        FieldPanel("excerpt"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("author"), FieldPanel("date")]), FieldPanel("category"), FieldPanel("tags")],
            heading=_("About the post"),
        ),
        MultiFieldPanel([FieldPanel("cover_image"), FieldPanel("cover_alt")], heading=_("Cover")),
        FieldPanel("body"),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("comments_open")]
    search_fields = Page.search_fields + [index.SearchField("excerpt"), index.SearchField("body")]

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("blog post")
        verbose_name_plural = _("blog posts")

    def save(self, *args, **kwargs):
        from .reading import reading_minutes

        self.reading_minutes = reading_minutes(self.body)
        super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .listing import related_posts

        context = super().get_context(request, *args, **kwargs)
        context["blog"] = self.get_parent().specific if self.depth > 1 else None
        context["related_posts"] = related_posts(self)
        return context

    # --- hooks other apps ask --------------------------------------------------------

    og_type = "article"
    discussion_wording = "comments"  # discussions/policy.py: "Comments", not "Questions"
    sitemap_scopes = ["blog"]  # blog/listing.py's BLOG: publishing a post renews it (blog/renewals.py)

    def seo_description(self):
        return self.search_description or self.excerpt

    def seo_image(self):
        return self.cover_image

    def structured_data(self, request, facts):
        """A schema.org ``BlogPosting``: public facts only (shared with every visitor)."""
        data = {
            "@context": "https://schema.org",
            "@type": "BlogPosting",
            "headline": self.title,
            "description": facts.description,
            "url": facts.canonical,
            "mainEntityOfPage": facts.canonical,
            "inLanguage": facts.language,
            "datePublished": self.date.isoformat(),
            "publisher": {"@type": "Organization", "name": facts.site_name, "url": facts.site_url + "/"},
        }
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.isoformat()
        if self.author_id and self.author:
            data["author"] = {"@type": "Person", "name": self.author.name}
        if facts.image:
            data["image"] = facts.image["url"]
        keywords = [tag.name for tag in self.tags.all()]
        if keywords:
            data["keywords"] = ", ".join(keywords)
        return data

    def discussion_permissions(self, user):
        from .comments import comment_permissions

        return comment_permissions(self, user)

    def discussion_recipients(self):
        from .comments import comment_recipients

        return comment_recipients(self)
