"""A user's "learner 360" page in the admin (People → a user → Learner page) is built from
panels that apps contribute, as the student dashboard is (``accounts.dashboard``).

An app registers a function with the ``register_learner_panel`` Wagtail hook. It takes the
request and the user shown and returns a ``LearnerPanel`` — or ``None`` when it has
nothing to show (or the viewer may not see it)::

    @hooks.register("register_learner_panel")
    def orders_panel(request, learner):
        return LearnerPanel(_("Orders"), "commerce/admin/learner_orders.html", {...}, order=30)

The panel's template is rendered with its ``context`` plus ``learner`` and ``request``;
it starts below the panel's heading (an ``<h2>`` the page writes), so its own headings
are ``<h3>``. Actions in a panel are POST forms with ``{% csrf_token %}`` to views that
check the permission again (``accounts.people.may_manage_people``)."""

from dataclasses import dataclass, field

from wagtail import hooks


@dataclass
class LearnerPanel:
    heading: str
    template_name: str
    context: dict = field(default_factory=dict)
    order: int = 100


def learner_panels(request, learner):
    panels = []
    for make_panel in hooks.get_hooks("register_learner_panel"):
        panel = make_panel(request, learner)
        if panel is not None:
            panels.append(panel)
    return sorted(panels, key=lambda panel: panel.order)
