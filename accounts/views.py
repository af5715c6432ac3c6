from allauth.account.views import ConfirmEmailView
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caching.private_responses import mark_private, private_response
from core.transactions import atomic_unless_reading

from . import data_export
from .account_deletion import delete_account
from .admin_access import may_use_wagtail_admin
from .dashboard import is_first_visit, panels_for
from .exceptions import AccountError
from .forms import DeleteAccountForm, profile_form_class
from .models import DataExport
from .personal_data import DeletionChoices
from .roles import role_names
from .waiting import signed_up_in_this_browser


@private_response
@login_required
def profile(request):
    form = profile_form_class(request.user)(request.POST or None, request.FILES or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts_profile")
    return render(request, "accounts/profile.html", {"form": form, "roles": role_names(request.user)})


@atomic_unless_reading
@private_response
@login_required
def dashboard(request):
    context = {"panels": panels_for(request), "first_visit": is_first_visit(request.user)}
    return render(request, "accounts/dashboard.html", context)


@login_required
def no_admin_access(request):
    """Where an admin sends a signed-in user who may not use it (see admin_access)."""
    context = {"may_use_wagtail_admin": may_use_wagtail_admin(request)}
    return mark_private(render(request, "accounts/no_admin_access.html", context, status=403))


class ConfirmEmailInSignUpBrowser(ConfirmEmailView):
    """allauth's confirmation page asks to press "Confirm", so that a link opened by a mail
    scanner confirms nothing. In the browser that signed up (allauth keeps the sign-up there
    to log in on confirmation) the link confirms at once: one page less on the way back to a
    waiting cart. Anywhere else the page asks, as before."""

    def get(self, *args, **kwargs):
        try:
            confirmation = self.get_object()
        except Http404:
            return super().get(*args, **kwargs)
        if signed_up_in_this_browser(self.request, confirmation.email_address.user_id):
            return self.post(*args, **kwargs)
        return super().get(*args, **kwargs)


confirm_email = private_response(ConfirmEmailInSignUpBrowser.as_view())


# --- Your data: the export and deleting the account (services: data_export, account_deletion)


@private_response
@login_required
def your_data(request):
    context = {
        "exports": DataExport.objects.filter(user=request.user)[:5],
        "link_hours": settings.AULA_DATA_EXPORT_LINK_HOURS,
        "interval_hours": settings.AULA_DATA_EXPORT_INTERVAL_HOURS,
    }
    return render(request, "accounts/your_data.html", context)


@private_response
@login_required
@require_POST
def request_export(request):
    try:
        data_export.request_export(request.user)
    except AccountError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("We are preparing your data. You will receive an e-mail with the link."))
    return redirect("accounts_your_data")


@private_response
@login_required
def download_export(request, token):
    try:
        export = data_export.export_for_download(token, request.user)
    except AccountError as error:
        response = render(request, "accounts/export_refused.html", {"message": error.message}, status=403)
        return mark_private(response)
    response = FileResponse(export.file.open("rb"), as_attachment=True, filename=data_export.download_name(export))
    return mark_private(response)


@private_response
@login_required
def delete_own_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            delete_account(request.user, DeletionChoices(keep_certificates=form.keep_certificates))
        except AccountError as error:
            messages.error(request, error.message)
            return redirect("accounts_your_data")
        logout(request)
        messages.success(request, _("Your account has been deleted. Thank you for learning with us."))
        return redirect("/")
    return render(request, "accounts/delete_account.html", {"form": form})
