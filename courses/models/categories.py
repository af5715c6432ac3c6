from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin


class Category(TranslatableMixin, models.Model):
    """A subject of the catalog (Programming, Design…); translated with wagtail-localize."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=True, help_text=_("Used in catalog filter links."))

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["locale", "slug"], name="unique_category_slug_per_locale")]

    def __str__(self):
        return self.name
