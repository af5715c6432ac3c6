"""The attendance page of a master class in the Wagtail admin: who holds a seat, with a
checkbox each, and an import of e-mail addresses with a report line per line."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import attendance as attendance_service
from .models import MasterClassPage, Registration
from .permissions import may_run


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("E-mail addresses (CSV)"),
        help_text=gettext_lazy("One address per line, in the first column; a header line “email” is skipped."),
    )


def attendance(request, page_id):
    master_class = get_object_or_404(MasterClassPage, pk=page_id)
    if not may_run(request.user, master_class):
        raise PermissionDenied
    report = None
    form = ImportForm()
    if request.method == "POST" and "import" in request.POST:
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            report = attendance_service.import_emails(master_class, form.cleaned_data["file"])
            marked = sum(1 for line in report if line.outcome == "marked")
            messages.success(request, _("%(count)s people marked as attended.") % {"count": marked})
    elif request.method == "POST":
        marked, unmarked = attendance_service.mark(master_class, request.POST.getlist("attended"))
        messages.success(
            request,
            _("Attendance saved: %(marked)s marked, %(unmarked)s unmarked.") % {"marked": marked, "unmarked": unmarked},
        )
        return redirect("events_attendance", page_id)
    context = {
        "page": master_class,
        "registrations": attendance_service.registrations_of(master_class),
        "attended": Registration.Status.ATTENDED,
        "form": form,
        "report": report,
        "header_title": _("Attendance: %(title)s") % {"title": master_class.title},
    }
    return TemplateResponse(request, "events/admin/attendance.html", context)
