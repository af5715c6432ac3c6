from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from caching.shared_settings import SharedSiteSetting
from core.seo import SeoPage

from .blocks import LinkBlock, home_body_blocks, standard_body_blocks
from .themes import DEFAULT_THEME, THEMES


class ThemePreviewMixin:
    """Adds one preview mode per theme, so editors see a page in every theme."""

    @property
    def preview_modes(self):
        return [("", _("Site theme"))] + [(f"theme-{key}", label) for key, label in THEMES]

    def serve_preview(self, request, mode_name):
        if mode_name.startswith("theme-"):
            request.theme_override = mode_name.removeprefix("theme-")
        return super().serve_preview(request, "")


class HomePage(SeoPage, ThemePreviewMixin, Page):
    """The front page; one per locale."""

    body = StreamField(home_body_blocks(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def seo_description(self):
        """The promote tab's description, else the hero's text."""
        if self.search_description:
            return self.search_description
        hero = next((block.value for block in self.body if block.block_type == "hero"), None)
        return hero.get("text") or hero.get("heading") if hero else ""

    def seo_image(self):
        return next((block.value["image"] for block in self.body if block.block_type == "hero"), None)

    def structured_data(self, request, facts):
        """The site (with its search box) and who runs it."""
        from .metadata import home_structured_data

        return home_structured_data(self, facts)

    def route(self, request, path_components):
        """Find the page a path names by its stored URL path: two queries at any depth,
        where Wagtail's walk down the tree costs two per level (a resource is five levels
        down). No Aula page routes its own sub-paths, so a path that names no page is a
        404 either way; Wagtail's walk still answers it, to keep its exact behaviour."""
        try:
            return self._route_in_this_language(request, path_components)
        except Http404:
            from .languages import route_through_source

            return route_through_source(self, request, path_components)

    def _route_in_this_language(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        url_path = self.url_path + "/".join(path_components) + "/"
        page = Page.objects.descendant_of(self).filter(url_path=url_path, locale_id=self.locale_id).specific().first()
        if page is None:
            return super().route(request, path_components)
        return page.route(request, [])


class StandardPage(SeoPage, ThemePreviewMixin, Page):
    """About, terms, privacy and other plain pages."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(standard_body_blocks(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    def seo_description(self):
        return self.search_description or self.introduction


@register_setting(icon="cog")
class SiteSettings(SharedSiteSetting, BaseSiteSetting):
    read_with_sites = True  # every page shows the site's name and theme

    site_name = models.CharField(_("site name"), max_length=80, default="Aula")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    theme = models.CharField(_("theme"), max_length=20, choices=THEMES, default=DEFAULT_THEME)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_form_enabled = models.BooleanField(
        _("contact form"),
        default=False,
        help_text=_(
            "Offer a contact form at /contact/ (linked in the footer). Its messages are listed under "
            "Communication → Contact messages, and the contact e-mail above is told of each."
        ),
    )
    footer_links = StreamField([("link", LinkBlock())], blank=True, verbose_name=_("footer links"))

    panels = [
        MultiFieldPanel([FieldPanel("site_name"), FieldPanel("logo"), FieldPanel("theme")], heading=_("Branding")),
        MultiFieldPanel([FieldPanel("contact_email"), FieldPanel("contact_form_enabled")], heading=_("Contact")),
        FieldPanel("footer_links"),
    ]

    class Meta:
        verbose_name = _("site settings")
