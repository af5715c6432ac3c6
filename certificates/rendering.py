"""Certificates as HTML and PDF, with the values a template's placeholders take.

The PDF itself is made in ``pdf.py`` (WeasyPrint, and the fetcher that limits what it may
read), imported only when a PDF is rendered (~21 MiB a web worker that never renders one
does not carry); ``segno`` only when a QR code is drawn.
"""

import hashlib
import json
from decimal import Decimal
from urllib.parse import urljoin

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .placeholders import fill

SHEET_SIZES = {"A4 landscape": ("297mm", "210mm"), "letter landscape": ("279.4mm", "215.9mm")}
PAGE_CSS = {
    "A4 landscape": "@page { size: A4 landscape; margin: 0; }",
    "letter landscape": "@page { size: letter landscape; margin: 0; }",
}


def qr_code_html(url):
    import segno

    qr = segno.make(url, error="m")
    return format_html('<img class="qr-code" alt="{}" src="{}">', url, qr.svg_data_uri(scale=4, border=2))


def signatures_html(template):
    if not (template.signatory_name or template.signature_image_id):
        return ""
    image = ""
    if template.signature_image_id:
        rendition = template.signature_image.get_rendition("max-400x160")
        image = format_html(
            '<img class="signature-image" alt="" src="{}">', urljoin(settings.SITE_URL + "/", rendition.url)
        )
    lines = format_html_join(
        "", '<span class="{}">{}</span>', ((cls, text) for cls, text in (
            ("signatory-name", template.signatory_name), ("signatory-title", template.signatory_title)) if text)
    )  # fmt: skip
    return format_html('<div class="signature">{}<span class="signature-line"></span>{}</div>', image, lines)


def _date(value, language):
    with translation.override(language):
        return formats.date_format(timezone.localtime(value), "DATE_FORMAT")


def _number(value, language, digits=1):
    """``12`` → "12", ``12.5`` → "12.5" (or "12,5"), in ``language``."""
    value = Decimal(value)
    with translation.override(language):
        return formats.number_format(value, 0 if value == value.to_integral_value() else digits)


def base_values(
    *, holder_name, title, completed_at, issued_at, grade, hours, instructors, code, url, language, seconds=None
):
    """The placeholders' values (strings; HTML for ``qr_code``) in ``language``. ``seconds``:
    the duration (``courses.duration``; from ``hours`` when not given)."""
    from courses.duration import format_duration

    from .codes import display
    from .issuer import issuer_name

    if seconds is None:
        seconds = int((hours or 0) * 3600)

    with translation.override(language):
        return {
            "holder_name": holder_name,
            "course_title": title,
            "completion_date": _date(completed_at, language),
            "issue_date": _date(issued_at, language),
            "grade": "" if grade is None else f"{_number(grade, language)} %",
            "hours": _number(hours or 0, language),
            "duration": format_duration(seconds),
            "instructor_names": get_text_list(list(instructors), _("and")),
            "certificate_code": display(code),
            "verification_url": url,
            "qr_code": qr_code_html(url),
            "issuer_name": issuer_name(),
            "grade_line": "" if grade is None else _("Grade: %(grade)s") % {"grade": f"{_number(grade, language)} %"},
            "label_certifies": _("This certifies that"),
            # "Completed" and "Grade" are also a filter and a button elsewhere: here they are
            # the labels of a date and of a mark.
            "label_completed": pgettext("certificate", "Completed"),
            "label_hours": _("Hours"),
            "label_duration": _("Duration"),
            "label_grade": pgettext("certificate", "Grade"),
            "label_instructors": _("Instructors"),
            "label_verify": _("Verify at"),
        }


def certificate_values(certificate):
    """What the holder's certificate says: the grade only when the holder chose to show it
    (the same rule as the verification page and the credential)."""
    return base_values(
        holder_name=certificate.holder_name,
        title=certificate.title,
        completed_at=certificate.completed_at,
        issued_at=certificate.issued_at or timezone.now(),
        grade=certificate.grade if certificate.show_grade else None,
        hours=certificate.hours,
        seconds=certificate.seconds,
        instructors=certificate.instructor_names,
        code=certificate.code,
        url=certificate.verification_url(),
        language=certificate.language,
    )


def sample_values(template):
    """What the editor's preview shows: a made-up holder, in the template's language."""
    language = template.locale.language_code if template.locale_id else settings.LANGUAGE_CODE
    now = timezone.now()
    with translation.override(language):
        return base_values(
            holder_name="Ana María Quintero",
            title=_("Introduction to data analysis"),
            completed_at=now,
            issued_at=now,
            grade=Decimal("92.5"),
            hours=Decimal("12"),
            instructors=["Iris Instructor", "Noor Haddad"],
            code="7KQ3M9XD2HFAR0TB",
            url=settings.SITE_URL + "/certificates/verify/7KQ3-M9XD-2HFA-R0TB/",
            language=language,
        )


#: Classes on the ``<body>`` of every certificate, so a design's CSS can make room for what
#: it holds: (class, placeholder, more than this many characters).
LENGTH_CLASSES = [
    ("long-name", "holder_name", 40),
    ("very-long-name", "holder_name", 70),
    ("long-title", "course_title", 60),
    ("very-long-title", "course_title", 130),
    ("many-instructors", "instructor_names", 90),
]


def body_classes(values):
    """``long-name``, ``very-long-name``, ``long-title``, ``very-long-title``,
    ``many-instructors`` when those values are long, and ``no-grade`` without a grade."""
    classes = [name for name, key, limit in LENGTH_CLASSES if len(str(values.get(key, ""))) > limit]
    if not values.get("grade"):
        classes.append("no-grade")
    return " ".join(classes)


def template_context(template, values, for_browser=False, language=None):
    values = {**values, "heading": template.heading, "statement": template.statement}
    values["signatures"] = signatures_html(template)
    return {
        "template": template,
        "page_css": mark_safe(PAGE_CSS.get(template.page_size, PAGE_CSS["A4 landscape"])),
        "design_css": mark_safe(template.css),
        "body": mark_safe(fill(template.layout, values)),
        "body_class": body_classes(values),
        "title": values["course_title"],
        "language": language or (template.locale.language_code if template.locale_id else settings.LANGUAGE_CODE),
        "for_browser": for_browser,
        "sheet_width": SHEET_SIZES.get(template.page_size, SHEET_SIZES["A4 landscape"])[0],
        "sheet_height": SHEET_SIZES.get(template.page_size, SHEET_SIZES["A4 landscape"])[1],
    }


def render_html(template, values, for_browser=False, language=None):
    return render_to_string("certificates/design.html", template_context(template, values, for_browser, language))


def render_pdf(template, values, language=None):
    from .pdf import write_pdf

    return write_pdf(render_html(template, values, language=language))


def fingerprint(template, values):
    """What a stored PDF was made from: the template's content and the values. A PDF whose
    fingerprint differs from the current one is rendered again."""
    payload = {
        "template": [template.pk, template.page_size, template.heading, template.statement, template.layout,
                     template.css, template.signatory_name, template.signatory_title, template.signature_image_id],
        "values": {k: v for k, v in values.items() if k != "qr_code"},
    }  # fmt: skip
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()
