"""The student dashboard (`/dashboard/`) is built from panels that apps contribute.

An app registers a function with the ``register_dashboard_panel`` Wagtail hook. It takes
the request and returns a ``DashboardPanel`` — or ``None`` when it has nothing to show
this user, so an app with nothing to say leaves no empty box behind::

    @hooks.register("register_dashboard_panel")
    def my_courses_panel(request):
        return DashboardPanel("courses/dashboard/my_courses.html", {...}, order=10)

A panel made only of the user's own facts is rendered once and kept in their personal cache
(``kept_panel``): its context is read only to render it, and the user's scope (plus the scopes
it names: a course it shows, the catalog...) renews it, so a change shows on their next
request. Whatever it shows that changes otherwise goes in its name (the language, time zone
and host are added), and how long ago something was is ``|timesince_as_served``.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from wagtail import hooks

from caching.personal_cache import personal_fragment

FIRST_SESSION = timedelta(hours=1)


@dataclass
class DashboardPanel:
    template_name: str
    context: dict = field(default_factory=dict)
    order: int = 100
    stylesheets: list = field(default_factory=list)  # static paths the panel needs
    html: str | None = None  # rendered already (kept_panel): shown as it is


def kept_panel(request, name, template_name, read_context, order, scopes=(), stylesheets=()):
    """A panel rendered from ``read_context()`` (``panel`` in ``template_name``) and kept in the
    user's personal cache under ``name`` until their scope or one of ``scopes`` is renewed;
    None when ``read_context()`` is None (nothing to show, kept too)."""

    def context():
        panel = read_context()
        return None if panel is None else {"panel": panel}

    html = personal_fragment(request, f"dashboard:{name}", template_name, context, scopes)
    if not html:
        return None
    return DashboardPanel(template_name, order=order, stylesheets=list(stylesheets), html=html)


def panels_for(request):
    panels = []
    for make_panel in hooks.get_hooks("register_dashboard_panel"):
        panel = make_panel(request)
        if panel is not None:
            panels.append(panel)
    return sorted(panels, key=lambda panel: panel.order)


def is_first_visit(user):
    """Whether the user is still in the session they signed up in (welcome, not welcome
    back): Django moves ``last_login`` at every login, so only then is it near sign-up."""
    return user.last_login is None or user.last_login - user.date_joined < FIRST_SESSION
