"""The certificates admin (templates as snippets, issued certificates) and the course page's
"Your certificate" action."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import HelpPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from courses.hooks import COMPLETION_PANELS_HOOK, PAGE_ACTIONS_HOOK, CourseAction, CoursePagePanel, Place
from courses.learning.enrollment import enrollment_for

from .admin_views import CertificateViewSet
from .issuing import certificate_for
from .models import CertificateTemplate
from .placeholders import PLACEHOLDERS


def _placeholder_list():
    items = "".join(f"<li><code>{{{{ {name} }}}}</code> — {text}</li>" for name, text in PLACEHOLDERS.items())
    return f"<ul>{items}</ul>"


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = _("Certificate templates")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["name", "page_size", "locale", "updated_at"]
    list_filter = ["locale", "live"]
    search_fields = ["name"]

    def get_edit_handler(self):
        from wagtail.admin.panels import ObjectList

        panels = [*CertificateTemplate.panels, HelpPanel(content=_placeholder_list(), heading=_("Placeholders"))]
        return ObjectList(panels).bind_to_model(self.model)


register_snippet(CertificateTemplateViewSet)


@hooks.register("register_admin_viewset")
def register_certificates():
    return CertificateViewSet("certificates_admin", add_to_admin_menu=True, menu_order=265)


@hooks.register(PAGE_ACTIONS_HOOK)
def certificate_action(course, request, decision, place):
    if place != Place.CALL_TO_ACTION or not request.user.is_authenticated:
        return None
    enrollment = enrollment_for(request.user, course)  # already read for this page: no query
    if enrollment is None or enrollment.completed_at is None:
        return None
    certificate = certificate_for(request.user, course.translation_key)
    if certificate is None or certificate.is_revoked:
        return None
    return CourseAction(_("View your certificate"), certificate.get_absolute_url(), primary=False, order=5)


@hooks.register(COMPLETION_PANELS_HOOK)
def certificate_completion_panel(course, request, enrollment):
    """The completion page's certificate: its PDF (or "being prepared" while the background
    job renders it), verification link to copy, LinkedIn's add-to-profile link."""
    from django.templatetags.static import static

    from .sharing import completion_panel_context

    context = completion_panel_context(request.user, course)
    if context is None:
        return None
    return CoursePagePanel(
        "certificates/includes/completion_panel.html", context, scripts=[static("certificates/js/share.js")]
    )


@hooks.register("register_learner_panel")
def learner_certificates_panel(request, learner):
    from accounts.learners import LearnerPanel

    from .models import Certificate

    certificates = Certificate.objects.filter(user=learner).order_by("-issued_at")
    return LearnerPanel(
        _("Certificates"), "certificates/admin/learner_certificates.html", {"certificates": certificates}, order=30
    )


@hooks.register("register_admin_urls")
def design_preview_urls():
    from django.urls import path

    from .admin_views import DesignPreviewView

    return [
        path("certificates/designs/<int:pk>/preview/", DesignPreviewView.as_view(), name="certificate_design_preview")
    ]


@hooks.register("register_course_statistics")
def certificate_design_row(course, request):
    """The course's certificate design on its statistics page, with its preview (HTML, PDF)."""
    from django.urls import reverse
    from django.utils.html import format_html
    from django.utils.translation import gettext as _

    from .templates import template_for_course

    template = template_for_course(course, course.locale.language_code)
    if template is None:
        return None
    url = reverse("certificate_design_preview", args=(template.pk,))
    link = format_html(
        '{} — <a href="{}" target="_blank">{}</a> · <a href="{}?mode=pdf" target="_blank">{}</a>',
        template.name, url, _("Preview"), url, _("PDF"),
    )  # fmt: skip
    return [(_("Certificate design"), link)]
