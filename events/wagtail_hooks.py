from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_admin_urls")
def live_session_admin_urls():
    from .attendance_admin import admin_urls

    return admin_urls()


class LiveSessionsMenuItem(MenuItem):
    """Shown to those who teach a course (and administrators)."""

    def is_shown(self, request):
        from courses.teaching import teaches_anything

        return request.user.is_superuser or teaches_anything(request.user)


@hooks.register("register_admin_menu_item")
def live_sessions_menu_item():
    return LiveSessionsMenuItem(_("Live sessions"), reverse("live_sessions"), icon_name="date", order=350)
