from allauth.account.views import ConfirmEmailView
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from caching.private_responses import mark_private, private_response
from core.transactions import atomic_unless_reading

from .admin_access import may_use_wagtail_admin
from .dashboard import is_first_visit, panels_for
from .forms import profile_form_class
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
