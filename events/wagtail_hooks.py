"""The events admin (master-class attendance, live sessions), the master-class editor's
"Attendance" button, and master classes in the site search and the sitemap."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search.page_types import HOOK as SEARCHABLE
from search.page_types import SearchablePageType

from .models import MasterClassIndexPage, MasterClassPage


def master_class_facets(pages, filters):
    """Master classes have a price (free or paid) and no category, level or language filter."""
    if not filters:
        return pages
    if set(filters) - {"price"}:
        return pages.none()
    return pages.filter(price=0) if filters["price"] == "free" else pages.filter(price__gt=0)


@hooks.register(SEARCHABLE)
def master_classes():
    return SearchablePageType(
        key="master_class", label=_("Master classes"), model="events.MasterClassPage", icon="chalkboard-user",
        summary=lambda page: page.summary, facets=master_class_facets,
    )  # fmt: skip


@hooks.register("register_admin_urls")
def attendance_urls():
    from .admin_views import attendance

    return [path("events/attendance/<int:page_id>/", attendance, name="events_attendance")]


@hooks.register("register_page_header_buttons")
def attendance_button(page, user, view_name, next_url=None):
    from wagtail.admin.widgets import Button

    from .permissions import may_run

    if page.specific_class is not MasterClassPage or not page.pk:
        return
    if may_run(user, page.specific_deferred):
        yield Button(_("Attendance"), reverse("events_attendance", args=(page.pk,)), icon_name="tick", priority=5)


# The XML sitemap lists the master-class pages in every language (home/sitemap.py).
hooks.register("register_sitemap_page_type", lambda: MasterClassIndexPage)
hooks.register("register_sitemap_page_type", lambda: MasterClassPage)


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
