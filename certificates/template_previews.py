"""Who previews a certificate design in the admin: those who edit designs (editors,
administrators), and an instructor for the designs their own courses use (the course's
template, or the site's default for a course that names none), in any language version;
never another course's design."""

from courses.teaching import courses_taught_by

from .models import CertificateTemplate
from .templates import default_template

DESIGNERS_PERMISSION = "certificates.change_certificatetemplate"
PREVIEW_MODES = ("", "pdf")


def designs_used_by(user):
    """The ``translation_key`` of every design the courses ``user`` teaches use: two or
    three queries, whatever the number of courses."""
    chosen = set(courses_taught_by(user).values_list("certificate_template_id", flat=True))
    live = CertificateTemplate.objects.filter(pk__in=chosen - {None}, live=True)
    keys = set(live.values_list("translation_key", flat=True))
    if None in chosen or len(keys) < len(chosen - {None}):  # a course on the site's default
        default = default_template()
        if default is not None:
            keys.add(default.translation_key)
    return keys


def may_preview(user, template):
    if not user.is_active:
        return False
    if user.is_superuser or user.has_perm(DESIGNERS_PERMISSION):
        return True
    return template.translation_key in designs_used_by(user)


def preview(template, request, mode):
    """The design filled with a made-up holder, as HTML or (``mode`` "pdf") a PDF; an
    unknown mode shows the HTML."""
    return template.serve_preview(request, mode if mode in PREVIEW_MODES else "")
