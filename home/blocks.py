from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from caching import scopes


def validate_link_url(value):
    """Absolute http(s) addresses, or paths on this site; never javascript: and friends."""
    if value.startswith("/") and not value.startswith("//"):
        return
    URLValidator(schemes=["http", "https"], message=_("Enter a full address (https://…) or a path starting with /."))(
        value
    )


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to an external address."""

    label = blocks.CharBlock(label=_("Label"), required=False, help_text=_("Defaults to the page title."))
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.CharBlock(
        label=_("Address"),
        required=False,
        validators=[validate_link_url],
        help_text=_("A full address (https://…) or a path on this site (/es/accounts/signup/)."),
    )

    @property
    def required(self):
        return self.meta.required

    def clean(self, value):
        """A link goes to a page or to an address, never both; an address needs a label (a
        page has its title). An optional link (``required=False``) may be left wholly empty;
        a required one may be empty only in a draft."""
        from wagtail.blocks.struct_block import StructBlockValidationError

        value = super().clean(value)
        label, page, url = value.get("label"), value.get("page"), value.get("url")
        if not (label or page or url):
            if self.meta.required and not self.is_deferred_validation:
                raise StructBlockValidationError(
                    block_errors={"page": ValidationError(_("Choose a page or enter an address for this link."))}
                )
            return value
        if page and url:
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or enter an external address, not both."))}
            )
        if not (page or url):
            raise StructBlockValidationError(
                block_errors={
                    "page": ValidationError(
                        _("This link has a label but goes nowhere: choose a page or enter an address.")
                    )
                }
            )
        if url and not label:
            raise StructBlockValidationError(
                block_errors={"label": ValidationError(_("An external link needs a label."))}
            )
        return value

    class Meta:
        icon = "link"
        label = _("Link")
        template = "home/blocks/link.html"
        description = _("A link to a page of this site or to another site.")
        preview_value = {"label": "Aula", "url": "https://example.org/"}
        required = True  # LinkBlock(required=False): may be left empty (a hero's button)


class HeroBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    image = ImageBlock(label=_("Image"), required=False)
    button = LinkBlock(label=_("Button"), required=False)

    class Meta:
        icon = "pick"
        label = _("Hero")
        template = "home/blocks/hero.html"
        description = _("A large heading with a short text, an image and a button, for the top of a page.")
        preview_value = {
            "heading": "Learn anything, at your pace",
            "text": "Courses by practitioners, with certificates you can verify.",
        }


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    button = LinkBlock(label=_("Button"))

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "home/blocks/call_to_action.html"
        description = _("A highlighted box inviting the visitor to act, with one button.")
        preview_value = {
            "heading": "Ready to start?",
            "text": "Create a free account and enroll in your first course today.",
            "button": {"label": "Sign up", "url": "https://example.org/"},
        }


class TextBlock(blocks.RichTextBlock):
    class Meta:
        icon = "doc-full"
        label = _("Text")
        template = "home/blocks/text.html"
        description = _("Formatted text with headings, lists and links.")
        preview_value = "<h2>About Aula</h2><p>Aula is an open-source learning platform.</p>"


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "home/blocks/image.html"
        description = _("An image with alternative text and an optional caption.")

    def get_preview_value(self):
        from wagtail.images import get_image_model

        image = get_image_model().objects.order_by("pk").first()
        return self.to_python({"image": image.pk if image else None, "caption": "A caption"})


def _catalog(locale):
    """The catalog page of ``locale`` (None when it has none), read once per change: three
    blocks of a home page ask for it."""
    from caching.shared import shared_instance
    from courses.models import CourseIndexPage

    def fetch():
        return CourseIndexPage.objects.live().filter(locale_id=locale.pk).defer_streamfields().first()

    return shared_instance(None, f"catalog-page:{locale.pk}", fetch, scopes=[scopes.CATALOG])


def _active_locale():
    """``Locale.get_active()``, without its query (the site's locales are shared)."""
    from wagtail.models import Locale

    from core.localized import active_locale_id, language_code_of

    locale_id = active_locale_id()
    return Locale(pk=locale_id, language_code=language_code_of(locale_id)) if locale_id else Locale.get_active()


class FeaturedCoursesBlock(blocks.StructBlock):
    """The catalog's featured courses in the visitor's language (untranslated ones in their
    own language), newest published first when none is featured."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    count = blocks.IntegerBlock(label=_("How many"), min_value=1, max_value=12, default=3)

    class Meta:
        icon = "pick"
        label = _("Featured courses")
        template = "home/blocks/featured_courses.html"
        description = _("Cards of the catalog's featured courses, with a link to the whole catalog.")
        preview_value = {"heading": "Featured courses", "count": 3}

    def get_context(self, value, parent_context=None):
        from django.db.models import Prefetch
        from wagtail.images import get_image_model

        from courses.catalog import CARD_RENDITION, course_sizes, courses_in_locale
        from courses.duration import course_duration

        context = super().get_context(value, parent_context=parent_context)
        locale = _active_locale()
        covers = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
        courses = (
            courses_in_locale(locale)
            .defer_streamfields()
            .select_related("category", "locale")
            .prefetch_related("instructors", Prefetch("cover_image", queryset=covers))
            .order_by("-featured", "-first_published_at", "title")
        )
        courses = list(courses[: value["count"]])
        sizes = course_sizes(courses)
        for course in courses:
            lessons, seconds = sizes.get(course.pk, (0, 0))
            course.card_facts = {"lessons": lessons, "duration": course_duration(course, seconds)}
            course.in_other_language = course.locale_id != locale.pk
        context["courses"] = courses
        context["catalog"] = _catalog(locale)
        return context


class CategoriesBlock(blocks.StructBlock):
    """The catalog's categories, each a link to the catalog filtered by it."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)

    class Meta:
        icon = "tag"
        label = _("Course categories")
        template = "home/blocks/categories.html"
        description = _("Links to the catalog, one per category, with the number of courses in each.")
        preview_value = {"heading": "Browse by subject"}

    def get_context(self, value, parent_context=None):
        from django.db.models import Count, Q

        from courses.models import Category

        context = super().get_context(value, parent_context=parent_context)
        locale = _active_locale()
        context["categories"] = list(
            Category.objects.filter(locale=locale).annotate(
                course_count=Count("courses", filter=Q(courses__live=True), distinct=True)
            )
        )
        context["catalog"] = _catalog(locale)
        return context


class CourseSearchBlock(blocks.StructBlock):
    """A search box that opens the catalog with its keyword search."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)

    class Meta:
        icon = "search"
        label = _("Course search")
        template = "home/blocks/course_search.html"
        description = _("A search box for the course catalog.")
        preview_value = {"heading": "What do you want to learn?"}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["catalog"] = _catalog(_active_locale())
        return context


def home_body_blocks():
    """The blocks of the home page body: the home app's own, then those other apps contribute
    through the ``AULA_HOME_BODY_BLOCKS`` setting (the home app imports none of them)."""
    return [
        ("hero", HeroBlock()),
        ("text", TextBlock()),
        ("call_to_action", CallToActionBlock()),
        ("image", ImageWithCaptionBlock()),
        ("featured_courses", FeaturedCoursesBlock()),
        ("categories", CategoriesBlock()),
        ("course_search", CourseSearchBlock()),
        *((name, import_string(path)()) for name, path in getattr(settings, "AULA_HOME_BODY_BLOCKS", [])),
    ]


def standard_body_blocks():
    return [
        ("text", TextBlock()),
        ("image", ImageWithCaptionBlock()),
        ("call_to_action", CallToActionBlock()),
    ]
