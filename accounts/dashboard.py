"""The student dashboard (`/dashboard/`) is built from panels that apps contribute.

An app registers a function with the ``register_dashboard_panel`` Wagtail hook. It takes
the request and returns a ``DashboardPanel`` — or ``None`` when it has nothing to show
this user, so an app with nothing to say leaves no empty box behind::

    @hooks.register("register_dashboard_panel")
    def my_courses_panel(request):
        return DashboardPanel("courses/dashboard/my_courses.html", {...}, order=10)
"""

from dataclasses import dataclass, field
from datetime import timedelta

from wagtail import hooks

FIRST_SESSION = timedelta(hours=1)


@dataclass
class DashboardPanel:
    template_name: str
    context: dict = field(default_factory=dict)
    order: int = 100
    stylesheets: list = field(default_factory=list)  # static paths the panel needs


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
