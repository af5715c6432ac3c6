from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks as wagtail_blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField
from wagtailmedia.edit_handlers import MediaChooserPanel

from caching import scopes
from caching.private_responses import mark_private_unless_shared
from core.seo import SeoPage

from ..blocks import resource_body_block_counts, resource_body_blocks, resource_profile
from ..forms import CoursePageForm, ResourcePageForm
from ..sources import COURSE_RULE_FIELDS, RESOURCE_RULE_FIELDS
from .media import language_choices


class Level(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class Requirement(models.TextChoices):
    REQUIRED = "required", _("Required")
    OPTIONAL = "optional", _("Optional")
    ALTERNATIVE = "alternative", _("Alternative")


class ResourceKind(models.TextChoices):
    VIDEO = "video", _("Video")
    AUDIO = "audio", _("Audio")
    PDF = "pdf", _("PDF")
    FILE = "file", _("Download")
    LINK = "link", _("Link")
    TEXT = "text", _("Reading")


class TextItemsBlock(wagtail_blocks.StreamBlock):
    """A list of short texts (the landing page's "What you'll learn", requirements). A form
    that does not send the list at all (a script, an older form) leaves it empty, not a 500."""

    def value_from_datadict(self, data, files, prefix):
        if f"{prefix}-count" not in data:
            return wagtail_blocks.StreamValue(self, [])
        return super().value_from_datadict(data, files, prefix)


class CoursePageMixin:
    """Course, section and resource pages depend on who is looking (outline, call to
    action, access): shared caches keep only what every anonymous visitor sees."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        return mark_private_unless_shared(request, response)

    @property
    def course(self):
        """The course this page belongs to (itself for a course), or None for a page
        that is not inside a course. Remembered on the instance; for a live page, read
        from the shared cache until its course changes (``courses.cached``)."""
        if not hasattr(self, "_course"):
            if isinstance(self, CoursePage):
                self._course = self
            elif not self.path:
                self._course = None
            else:
                self._course = self._find_course()
        return self._course

    def _find_course(self):
        def read():
            return CoursePage.objects.ancestor_of(self).select_related("category").first()

        if not self.live or not self.pk:  # drafts and previews: as saved now
            return read()
        from .. import cached

        return cached.course_of(self, read)

    def permissions_for_user(self, user):
        from ..permissions import CoursePermissionTester

        return CoursePermissionTester(user, self)


class CourseIndexPage(SeoPage, Page):
    """The catalog: every course of this language, with filters, featured courses first."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    # Other apps list their catalog page types (e.g. programs) in AULA_CATALOG_PAGE_TYPES,
    # so courses never imports them.
    subpage_types = ["courses.CoursePage", *getattr(settings, "AULA_CATALOG_PAGE_TYPES", [])]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("course catalog")

    def seo_description(self):
        return self.search_description or self.introduction

    def get_context(self, request, *args, **kwargs):
        from ..catalog import catalog_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalog_context(self, request))
        return context

    def permissions_for_user(self, user):
        from ..permissions import CatalogPermissionTester

        return CatalogPermissionTester(user, self)


class CoursePage(SeoPage, CoursePageMixin, Page):
    # "Translate this page" includes the sections and resources unless unticked
    # (home/translation_forms.py).
    translate_subtree_by_default = True

    summary = models.TextField(_("summary"), max_length=300, help_text=_("One or two sentences for the catalog card."))
    description = RichTextField(_("description"), blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("cover image"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    intro_video = models.ForeignKey(
        "courses.CourseMedia", verbose_name=_("intro video"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Optional. Shown to everyone on the course page."),
    )  # fmt: skip
    category = models.ForeignKey(
        "courses.Category", verbose_name=_("category"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="courses",
    )  # fmt: skip
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.BEGINNER)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=language_choices,
        default="en",
        help_text=_("The language it is taught in."),
    )
    intro_captions = ParentalManyToManyField(
        "courses.CaptionTrack", verbose_name=_("intro video captions"), blank=True, related_name="+",
        help_text=_("WebVTT caption tracks for the intro video, one per language."),
    )  # fmt: skip
    instructors = ParentalManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("instructors"), blank=True, related_name="courses_taught",
        help_text=_("They can edit and publish this course."),
    )  # fmt: skip
    price = models.DecimalField(
        _("price"), max_digits=8, decimal_places=2, default=Decimal("0"), validators=[MinValueValidator(0)],
        help_text=_("0 makes the course free."),
    )  # fmt: skip
    audit_allowed = models.BooleanField(
        _("audit allowed"), default=False, help_text=_("Students may follow the non-graded content for free.")
    )
    featured = models.BooleanField(_("featured"), default=False, help_text=_("Listed first in the catalog."))
    estimated_hours = models.DecimalField(
        _("estimated hours"), max_digits=5, decimal_places=1, default=Decimal("0"), validators=[MinValueValidator(0)]
    )
    # The certificates app's design (courses never imports it); none: the site's default.
    certificate_template = models.ForeignKey(
        "certificates.CertificateTemplate", verbose_name=_("certificate template"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("The design of this course's certificates; empty: the site's default."),
    )  # fmt: skip
    collection = models.ForeignKey(
        "wagtailcore.Collection", verbose_name=_("media collection"), null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    # The landing page's selling points (translatable, like the description).
    learning_outcomes = StreamField(
        TextItemsBlock([("item", wagtail_blocks.CharBlock(max_length=200, label=_("Outcome")))]),
        blank=True, verbose_name=_("what you'll learn"),
        help_text=_("Short points: what a student can do after the course."),
    )  # fmt: skip
    requirements = StreamField(
        TextItemsBlock([("item", wagtail_blocks.CharBlock(max_length=200, label=_("Requirement")))]),
        blank=True, verbose_name=_("requirements"), help_text=_("What a student needs before starting."),
    )  # fmt: skip
    audience = models.TextField(
        _("who it is for"), blank=True, max_length=1000, help_text=_("The students this course is made for.")
    )
    # What students waiting for an essay's grade are told (assessments' result page).
    grading_days = models.PositiveSmallIntegerField(
        _("grading time (days)"), null=True, blank=True, validators=[MaxValueValidator(365)],
        help_text=_("How many days the instructors take to grade written answers (students waiting see it)."),
    )  # fmt: skip

    # The first tab holds what a course needs to go live (the publish checklist,
    # courses/course_review.py): summary, cover, price, level, category, hours.
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        MultiFieldPanel(
            [FieldPanel("price"), FieldPanel("audit_allowed"), FieldPanel("level"), FieldPanel("category"),
             FieldPanel("language"), FieldPanel("estimated_hours")],
            heading=_("Essentials"),
        ),
        FieldPanel("description"),
        MediaChooserPanel("intro_video", media_type="video"),
        FieldPanel("intro_captions"),
        FieldPanel("instructors"),
        FieldPanel("grading_days"),
        MultiFieldPanel(
            [FieldPanel("learning_outcomes"), FieldPanel("requirements"), FieldPanel("audience")],
            heading=_("Landing page"),
        ),
    ]  # fmt: skip
    settings_panels = [
        MultiFieldPanel([FieldPanel("featured"), FieldPanel("certificate_template")], heading=_("Catalog")),
    ] + Page.settings_panels  # fmt: skip
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("level"),
        index.FilterField("language"),
    ]
    # Rule fields (price, audit) are synchronised and NOT overridable: a translation
    # cannot make a paid course free. The rest may be adapted per language.
    override_translatable_fields = [
        *(SynchronizedField(name, overridable=False) for name in COURSE_RULE_FIELDS),
        *(SynchronizedField(name)
          for name in ("featured", "level", "language", "estimated_hours", "instructors", "cover_image",
                       "intro_video", "intro_captions")),
        # What students waiting for a grade are promised: the same in every language.
        SynchronizedField("grading_days", overridable=False),
        # One design for every language version; each certificate uses the design's
        # translation in its holder's language (certificates.templates).
        SynchronizedField("certificate_template", overridable=False),
    ]  # fmt: skip

    base_form_class = CoursePageForm
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.SectionPage"]
    sitemap_scopes = [scopes.CATALOG]  # publishing a course renews it (courses/renewals.py)

    class Meta:
        verbose_name = _("course")
        permissions = [("open_every_course", _("Can open every course's content on the public site"))]

    @property
    def rules(self):
        """The language version whose price and audit apply: the course as
        authored (courses/sources.py), whatever this translation's row says."""
        from ..sources import source_course

        return source_course(self)

    def is_rules_source(self):
        return self.rules.pk == self.pk

    @property
    def is_free(self):
        return not self.rules.price

    def seo_description(self):
        return self.search_description or self.summary

    def seo_image(self):
        return self.cover_image

    def structured_data(self, request, facts):
        from ..seo import course_structured_data

        return course_structured_data(self, facts)

    def save(self, *args, **kwargs):
        if not self.collection_id and self.title:
            from ..course_collections import ensure_course_collection

            self.collection = ensure_course_collection(self)
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from ..page_context import course_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_page_context(self, request))
        return context


class SectionPage(CoursePageMixin, Page):
    """A chapter of a course; its resources are its children, in tree order."""

    translate_subtree_by_default = True

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.ResourcePage"]

    class Meta:
        verbose_name = _("section")

    def get_context(self, request, *args, **kwargs):
        from ..page_context import section_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(section_page_context(self, request))
        return context


class ResourcePage(SeoPage, CoursePageMixin, Page):
    """One thing to learn from: a video, an audio, a PDF, a reading…"""

    requirement = models.CharField(
        _("requirement"), max_length=12, choices=Requirement.choices, default=Requirement.REQUIRED,
        help_text=_("Required resources count towards completion; of alternatives, one per group does."),
    )  # fmt: skip
    alternative_group = models.CharField(
        _("alternative group"), max_length=50, blank=True,
        help_text=_("Alternatives with the same group name replace each other (e.g. “final-project”)."),
    )  # fmt: skip
    free_preview = models.BooleanField(
        _("free preview"), default=False, help_text=_("Anyone can open this resource, even without buying the course.")
    )
    estimated_minutes = models.PositiveIntegerField(
        _("estimated minutes"), default=0,
        help_text=_("Used only when the resource has no video or audio: those are measured."),
    )  # fmt: skip
    media_seconds = models.PositiveIntegerField(
        _("measured duration (seconds)"), default=0, editable=False,
        help_text=_("What the resource's video and audio last, measured from their files (courses/duration.py)."),
    )  # fmt: skip
    body = StreamField(
        resource_body_blocks(), block_counts=resource_body_block_counts(), blank=True, verbose_name=_("body")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ResourceKind.choices, default="text", editable=False)

    content_panels = Page.content_panels + [FieldPanel("body")]
    settings_panels = [
        MultiFieldPanel(
            [FieldPanel("requirement"), FieldPanel("alternative_group"), FieldPanel("free_preview"),
             FieldPanel("estimated_minutes")],
            heading=_("In the course"),
        ),
    ] + Page.settings_panels  # fmt: skip
    search_fields = Page.search_fields + [index.SearchField("body")]
    # Free preview and the requirement fields decide access and completion: not overridable.
    override_translatable_fields = [
        *(SynchronizedField(name, overridable=False) for name in RESOURCE_RULE_FIELDS),
        SynchronizedField("estimated_minutes"),
    ]

    base_form_class = ResourcePageForm
    parent_page_types = ["courses.SectionPage"]
    subpage_types = []
    sitemap_scopes = [scopes.CATALOG]

    @classmethod
    def sitemap_pages(cls, pages):
        """Free previews only: every other resource is behind enrollment."""
        from ..seo import free_previews

        return free_previews(pages)

    class Meta:
        verbose_name = _("resource")

    def is_rules_source(self):
        """Whether this resource's rule fields are its own (not a translation's copy)."""
        from ..sources import resource_rules

        course = self.course
        return course is None or self.translation_key not in resource_rules(course, [self.translation_key])

    def clean(self):
        super().clean()
        self.alternative_group = self.alternative_group.strip()
        if self.requirement == Requirement.ALTERNATIVE and not self.alternative_group:
            raise ValidationError(
                {"alternative_group": _("An alternative resource needs a group: the alternatives it can replace.")}
            )
        if self.requirement != Requirement.ALTERNATIVE and self.alternative_group:
            raise ValidationError(
                {
                    "alternative_group": _(
                        "Only alternative resources belong to a group; clear this or choose “Alternative”."
                    )
                }
            )

    @property
    def profile(self):
        """Kind and completion mode, as the body's blocks declare them (courses/blocks.py)."""
        return resource_profile(self.body)

    @property
    def completion_mode(self):
        return self.profile.completion

    @property
    def seconds(self):
        """What the resource lasts: its media, measured, else its author's estimate."""
        from ..duration import resource_seconds

        return resource_seconds(self.media_seconds, self.estimated_minutes)

    def save(self, *args, **kwargs):
        from ..duration import measured_seconds

        self.kind = self.profile.kind
        self.media_seconds = measured_seconds(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "kind", "media_seconds"}
        return super().save(*args, **kwargs)

    def discussion_permissions(self, user):
        from ..discussion_policy import resource_discussion_permissions

        return resource_discussion_permissions(self, user)

    def discussion_recipients(self):
        from ..discussion_policy import resource_discussion_recipients

        return resource_discussion_recipients(self)

    def get_context(self, request, *args, **kwargs):
        from ..page_context import resource_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(resource_page_context(self, request))
        return context
