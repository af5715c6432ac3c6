"""Who may enter the two admin sites, and what a signed-in user who may not is shown there.

Both admins send a user without access to the login form, and the login form sends a
signed-in user straight back to where they came from: a loop the browser gives up on.
``refuse_signed_in_outsiders`` sends such a user from the admin's door to a page that
says they have no access (``views.no_admin_access``), in one hop. Visitors who are not
signed in still go to the login form.
"""

from functools import wraps

from django.contrib import admin
from django.shortcuts import redirect

from caching.private_responses import mark_private


def may_use_wagtail_admin(request):
    return request.user.has_perms(["wagtailadmin.access_admin"])


def may_use_django_admin(request):
    return admin.site.has_permission(request)


def refuse_signed_in_outsiders(may_use):
    """A URL-pattern decorator (for ``decorate_urlpatterns``): a signed-in user for whom
    ``may_use(request)`` is false is sent to the no-access page; everyone else gets the view."""

    def decorator(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if request.user.is_authenticated and not may_use(request):
                return mark_private(redirect("no_admin_access"))
            return view(request, *args, **kwargs)

        return guarded

    return decorator
