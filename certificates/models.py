"""Certificate templates (snippets with drafts, revisions, preview and translations) and the
certificates issued from them.

A certificate belongs to what was completed — a course, a program or a master class — by
its ``translation_key`` (``course_key``), never by one language version of it: one
certificate per (holder, course), whatever language it was completed in.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import DraftStateMixin, PreviewableMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from courses.storage import private_storage

from .placeholders import PLACEHOLDER_RE, html_errors, outside_url_errors, placeholder_errors


class PageSize(models.TextChoices):
    A4 = "A4 landscape", _("A4, landscape")
    LETTER = "letter landscape", _("US Letter, landscape")


class CertificateTemplate(
    DraftStateMixin, RevisionMixin, PreviewableMixin, TranslatableMixin, index.Indexed, models.Model
):
    """A design: an HTML layout and its CSS with placeholders (``placeholders.PLACEHOLDERS``).

    The heading and statement are translated per language; layout, CSS, page size and the
    signatory are synchronised across translations (a translator may still adapt them)."""

    name = models.CharField(_("name"), max_length=100)
    page_size = models.CharField(_("page size"), max_length=20, choices=PageSize.choices, default=PageSize.A4)
    heading = models.CharField(_("heading"), max_length=120, default="Certificate of completion")
    statement = models.CharField(
        _("statement"), max_length=250, default="has successfully completed the course",
        help_text=_("Shown between the holder's name and the course: {{ statement }}."),
    )  # fmt: skip
    layout = models.TextField(
        _("layout (HTML)"), help_text=_("The body of the certificate, with placeholders (listed below the editor).")
    )
    css = models.TextField(
        _("style (CSS)"), blank=True,
        help_text=_("Fonts and images only from the site's own /static/ and /media/ files, or data: URLs."),
    )  # fmt: skip
    signatory_name = models.CharField(_("signatory's name"), max_length=120, blank=True)
    signatory_title = models.CharField(_("signatory's title"), max_length=120, blank=True)
    signature_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("signature image"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        FieldPanel("name"),
        MultiFieldPanel([FieldPanel("heading"), FieldPanel("statement")], heading=_("Texts")),
        MultiFieldPanel([FieldPanel("page_size"), FieldPanel("layout"), FieldPanel("css")], heading=_("Design")),
        MultiFieldPanel(
            [FieldPanel("signatory_name"), FieldPanel("signatory_title"), FieldPanel("signature_image")],
            heading=_("Signature"),
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    override_translatable_fields = [
        SynchronizedField("page_size", overridable=False),
        SynchronizedField("layout"),
        SynchronizedField("css"),
        SynchronizedField("signatory_name"),
        SynchronizedField("signature_image"),
    ]
    preview_modes = [("", _("Certificate")), ("pdf", _("PDF"))]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        layout_errors = placeholder_errors(self.layout) + html_errors(self.layout) + outside_url_errors(self.layout)
        used = set(PLACEHOLDER_RE.findall(self.layout))
        if not used & {"certificate_code", "qr_code", "verification_url"}:
            layout_errors.append(
                _(
                    "Show how to verify the certificate: include {{ qr_code }}, {{ certificate_code }} "
                    "or {{ verification_url }}."
                )
            )
        if "holder_name" not in used:
            layout_errors.append(_("A certificate names its holder: include {{ holder_name }}."))
        if layout_errors:
            errors["layout"] = layout_errors
        css_errors = outside_url_errors(self.css)
        if "{{" in self.css or "{%" in self.css:
            css_errors.append(_("The style cannot hold placeholders."))
        if "</style" in self.css.lower():
            css_errors.append(_("The style cannot close its <style> element."))
        if css_errors:
            errors["css"] = css_errors
        for field in ("heading", "statement"):
            problems = placeholder_errors(getattr(self, field))
            if "{{" in getattr(self, field):
                problems.append(_("This text cannot hold placeholders."))
            if problems:
                errors[field] = problems
        if errors:
            raise ValidationError(errors)

    def get_preview_template(self, request, mode_name):
        return "certificates/design.html"

    def get_preview_context(self, request, mode_name):
        from .rendering import sample_values, template_context

        return template_context(self, sample_values(self), for_browser=True)

    def serve_preview(self, request, mode_name):
        if mode_name == "pdf":
            from django.http import HttpResponse

            from .rendering import render_pdf, sample_values

            response = HttpResponse(render_pdf(self, sample_values(self)), content_type="application/pdf")
            response["Content-Disposition"] = 'inline; filename="preview.pdf"'
            return response
        response = super().serve_preview(request, mode_name)
        # Wagtail serves a preview through the site's middleware as if it were at "/", so the
        # public site's Content-Security-Policy applies, and its style-src 'self' would drop
        # the certificate's own <style> (and style attributes): the editor saw it unstyled.
        # The layout cannot hold scripts (``clean``), and script-src stays 'self'.
        response._csp_update = {"style-src": ["'unsafe-inline'"]}
        return response


@register_setting(icon="doc-full")
class CertificateSettings(BaseSiteSetting):
    default_template = models.ForeignKey(
        CertificateTemplate, verbose_name=_("default certificate template"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Used by courses that name no template of their own."),
    )  # fmt: skip
    issuer_name = models.CharField(
        _("issuer"), max_length=150, blank=True,
        help_text=_("The organisation named as the issuer on certificates and credentials; the site's name if empty."),
    )  # fmt: skip

    panels = [FieldPanel("default_template"), FieldPanel("issuer_name")]

    class Meta:
        verbose_name = _("certificate settings")


class Certificate(models.Model):
    class Kind(models.TextChoices):
        COURSE = "course", _("Course")
        PROGRAM = "program", _("Program")
        MASTER_CLASS = "master_class", _("Master class attendance")

    code = models.CharField(_("verification code"), max_length=24, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("holder"), on_delete=models.CASCADE, related_name="certificates"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COURSE)
    course_key = models.UUIDField(
        _("course key"), db_index=True, editable=False,
        help_text=_("The translation key of the course (or program, or master class) completed."),
    )  # fmt: skip
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=_("The language version it was completed through."),
    )  # fmt: skip
    template = models.ForeignKey(
        CertificateTemplate, verbose_name=_("template"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="certificates",
    )  # fmt: skip
    language = models.CharField(_("language"), max_length=10, default="en")
    # What the certificate says, as it was when it was issued.
    holder_name = models.CharField(_("holder's name"), max_length=150)
    title = models.CharField(_("title"), max_length=255)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1, default=0)
    duration_seconds = models.PositiveIntegerField(
        _("duration (seconds)"), default=0,
        help_text=_("The course's duration when it was completed (courses/duration.py); hours are rounded from it."),
    )  # fmt: skip
    grade = models.DecimalField(_("grade (%)"), max_digits=5, decimal_places=1, null=True, blank=True)
    instructor_names = models.JSONField(_("instructors"), default=list, blank=True)
    completed_at = models.DateTimeField(_("completed at"))
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    # Issued by hand: who, and why the rules were overridden (empty when they were met).
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    override_reason = models.TextField(_("override reason"), blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("revoked by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    revocation_reason = models.TextField(_("revocation reason"), blank=True)
    show_grade = models.BooleanField(
        _("show the grade when verified"), default=False, help_text=_("The holder decides.")
    )
    pdf = models.FileField(_("PDF"), storage=private_storage, upload_to="certificates/", blank=True, editable=False)
    pdf_signature = models.CharField(
        _("PDF rendered from"), max_length=64, blank=True, editable=False,
        help_text=_("A fingerprint of the template revision and facts the stored PDF was made from."),
    )  # fmt: skip
    notified_at = models.DateTimeField(_("holder notified at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        constraints = [models.UniqueConstraint(fields=["user", "course_key"], name="one_certificate_per_course")]

    def __str__(self):
        return f"{self.holder_name} — {self.title} ({self.display_code})"

    def get_absolute_url(self):
        return reverse("certificates:detail", args=[self.display_code])

    @property
    def seconds(self):
        """What the course lasted, as the course page said: the recorded seconds (older
        certificates and master classes: their hours)."""
        return self.duration_seconds or int((self.hours or 0) * 3600)

    @property
    def duration(self):
        """'3 h 20 min', as the course page and catalog card say it (in the active language)."""
        from courses.duration import format_duration

        return format_duration(self.seconds)

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def display_code(self):
        from .codes import display

        return display(self.code)

    def verification_path(self):
        return reverse("certificates:verify", args=[self.display_code])

    def verification_url(self):
        """The public address printed on the certificate and in its QR code (no language
        prefix: the visitor's own language applies)."""
        from .verification import verification_url

        return verification_url(self)
