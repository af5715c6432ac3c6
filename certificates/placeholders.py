"""The placeholders of a certificate template, and the checks that keep a template from
failing later, when a PDF is rendered in the background.

A layout is HTML with placeholders written ``{{ name }}``. Nothing else of Django's
template language is available: a template author cannot include files, load tags or
reach any object. Values are escaped, except those Aula builds itself as HTML (the QR code
and the signatures).
"""

import re
from html.parser import HTMLParser

from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

#: name → what it is (shown in the editor's help).
PLACEHOLDERS = {
    "holder_name": gettext_lazy("the holder's name"),
    "course_title": gettext_lazy("the course's title, in the learner's language"),
    "completion_date": gettext_lazy("the date the course was completed, written in that language"),
    "issue_date": gettext_lazy("the date the certificate was issued"),
    "grade": gettext_lazy("the grade (e.g. “92 %”), empty without graded work"),
    "hours": gettext_lazy("the course's duration in hours (to the tenth)"),
    "duration": gettext_lazy("the course's duration as its page says it (e.g. “3 h 20 min”)"),
    "instructor_names": gettext_lazy("the instructors' names"),
    "signatures": gettext_lazy("the signatory's signature image, name and title"),
    "certificate_code": gettext_lazy("the verification code"),
    "qr_code": gettext_lazy("a QR code of the verification address"),
    "verification_url": gettext_lazy("the verification address"),
    "issuer_name": gettext_lazy("the issuing organisation"),
    "grade_line": gettext_lazy("“Grade: 92 %”, or nothing without graded work"),
    "heading": gettext_lazy("the template's heading"),
    "statement": gettext_lazy("the template's statement"),
    # Words every design needs, translated by Aula into the certificate's language.
    "label_certifies": gettext_lazy("“This certifies that”"),
    "label_completed": gettext_lazy("“Completed”"),
    "label_hours": gettext_lazy("“Hours”"),
    "label_duration": gettext_lazy("“Duration”"),
    "label_grade": gettext_lazy("“Grade”"),
    "label_instructors": gettext_lazy("“Instructors”"),
    "label_verify": gettext_lazy("“Verify at”"),
}
#: Placeholders whose value is HTML made by Aula (never by a user).
HTML_PLACEHOLDERS = {"qr_code", "signatures"}

PLACEHOLDER_RE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
TEMPLATE_SYNTAX_RE = re.compile(r"\{%|%\}|\{#|#\}")
VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
}  # fmt: skip
# Elements whose end tag HTML lets an author leave out: no false alarm for them.
OPTIONAL_END = {"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "colgroup"}
REFUSED_ELEMENTS = {"script", "iframe", "object", "embed", "form", "input", "button", "textarea", "base"}
# Resources come from the site itself (its static and media files) or are inline.
OUTSIDE_URL_RE = re.compile(
    r"""(?:\b(?:src|href|srcset|data)\s*=\s*["']?|url\(\s*["']?|@import\s+["'])\s*"""
    r"""((?:[a-z][a-z0-9+.-]*:(?<!data:)|//)[^\s"'()<>]*)""",
    re.IGNORECASE,
)


def placeholder_help():
    return ", ".join(f"{{{{ {name} }}}}" for name in PLACEHOLDERS)


class _BalanceChecker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.errors = []

    def handle_starttag(self, tag, attrs):
        if tag in REFUSED_ELEMENTS:
            self.errors.append(_("<%(tag)s> is not allowed in a certificate (line %(line)s).") % self._at(tag))
        for name, _value in attrs:
            if name.startswith("on"):
                self.errors.append(
                    _("Event attributes such as %(attribute)s are not allowed (line %(line)s).")
                    % {"attribute": name, "line": self.getpos()[0]}
                )
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, self.getpos()[0]))

    def handle_startendtag(self, tag, attrs):
        if tag in REFUSED_ELEMENTS:
            self.errors.append(_("<%(tag)s> is not allowed in a certificate (line %(line)s).") % self._at(tag))

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS:
            return
        open_tags = [name for name, _line in self.stack]
        if tag not in open_tags:
            self.errors.append(_("</%(tag)s> closes nothing (line %(line)s).") % self._at(tag))
            return
        while self.stack:
            name, line = self.stack.pop()
            if name == tag:
                return
            if name not in OPTIONAL_END:
                self.errors.append(
                    _("<%(tag)s> opened on line %(line)s is never closed.") % {"tag": name, "line": line}
                )

    def _at(self, tag):
        return {"tag": tag, "line": self.getpos()[0]}

    def unclosed(self):
        return [
            _("<%(tag)s> opened on line %(line)s is never closed.") % {"tag": name, "line": line}
            for name, line in self.stack
            if name not in OPTIONAL_END
        ]


def html_errors(layout):
    """What is wrong with the HTML of ``layout``: unclosed or stray tags, scripts, forms."""
    checker = _BalanceChecker()
    checker.feed(layout)
    checker.close()
    return checker.errors + checker.unclosed()


def placeholder_errors(text):
    """Unknown placeholders and template syntax other than ``{{ name }}``."""
    errors = []
    if TEMPLATE_SYNTAX_RE.search(text):
        errors.append(_("Only placeholders like {{ holder_name }} are allowed: no {% … %} tags or {# … #} comments."))
    unknown = sorted({name for name in PLACEHOLDER_RE.findall(text) if name not in PLACEHOLDERS})
    if unknown:
        errors.append(
            _("Unknown placeholder: %(names)s. Available: %(available)s.")
            % {"names": ", ".join(f"{{{{ {name} }}}}" for name in unknown), "available": placeholder_help()}
        )
    leftover = PLACEHOLDER_RE.sub("", text)
    if "{{" in leftover or "}}" in leftover:
        errors.append(_("A placeholder is not closed: write it as {{ name }}."))
    return errors


def outside_url_errors(text):
    """Addresses outside the site: the PDF renderer would refuse them anyway (``rendering``),
    so the editor says so now."""
    found = sorted(set(OUTSIDE_URL_RE.findall(text)))
    if not found:
        return []
    return [
        _("Only the site's own files (/static/…, /media/…) and data: images can be used, not %(urls)s.")
        % {"urls": ", ".join(found[:3])}
    ]


def fill(layout, values):
    """``layout`` with each placeholder replaced by its (escaped) value."""

    def replace(match):
        name = match.group(1)
        value = values.get(name, "")
        return str(value) if name in HTML_PLACEHOLDERS else escape(value)

    return PLACEHOLDER_RE.sub(replace, layout)
