"""Hooks other apps use to extend course pages, so that ``courses`` never imports them.

``register_course_page_context``
    Adds to the context of course, section and resource pages. The function takes the page
    (a CoursePage, SectionPage or ResourcePage), the request and the context built so far
    (``course``, ``outline``, ``access``, ``enrollment``, ``progress``…), and returns a dict
    to add — or ``None`` when it has nothing for this page::

        @hooks.register("register_course_page_context")
        def attempts_and_score(page, request, context):
            if isinstance(page, ResourcePage) and context["enrollment"]:
                return {"attempts": attempts_for(request.user, page)}
            return None

    On the course page, ``course_page_panels`` (a list of ``CoursePagePanel``) are shown
    below the call to action; add to the list you are given rather than replacing it::

        return {"course_page_panels": [*context.get("course_page_panels", []), CoursePagePanel(...)]}

``register_course_page_actions``
    Contributes actions to the course page's call to action and to the access-refusal
    page. The function takes the course, the request, the access decision for the page
    being shown and the place (``Place.CALL_TO_ACTION`` or ``Place.ACCESS_REFUSED``), and
    returns a ``CourseAction``, a list of them, or ``None``::

        @hooks.register("register_course_page_actions")
        def buy_button(course, request, decision, place):
            if course.is_free or enrollment_for(request.user, course):
                return None
            return CourseAction(_("Buy"), reverse("cart_add"), method="post", fields={"course": course.pk})

With no contributor, both pages show what ``courses`` alone offers (enroll, audit, log in).

``register_course_completion_panels``
    Adds boxes to the page a student sees once the course is complete (``course_completed``:
    e.g. the certificate with its share links). The function takes the course, the request
    and the student's enrollment and returns a ``CoursePagePanel`` or ``None``. That page is
    the student's own (never cached for others)::

        @hooks.register("register_course_completion_panels")
        def certificate(course, request, enrollment):
            return CoursePagePanel("certificates/includes/completion_panel.html", {...})

``register_course_statistics``
    Adds rows to the overview of a course's statistics page in the admin (shown only to
    those who may see that course's statistics). The function takes the course and the
    request and returns a list of ``(label, value)`` pairs, or ``None``::

        @hooks.register("register_course_statistics")
        def revenue(course, request):
            return [(_("Revenue"), revenue_of(course))]
"""

from dataclasses import dataclass, field

from wagtail import hooks

PAGE_CONTEXT_HOOK = "register_course_page_context"
PAGE_ACTIONS_HOOK = "register_course_page_actions"
STATISTICS_HOOK = "register_course_statistics"
COMPLETION_PANELS_HOOK = "register_course_completion_panels"


class Place:
    CALL_TO_ACTION = "call_to_action"  # the box beside the course page's description
    ACCESS_REFUSED = "access_refused"  # the page shown instead of a resource the visitor may not open


@dataclass
class CourseAction:
    label: str
    url: str
    method: str = "get"  # "post": a form with the CSRF token and ``fields`` as hidden inputs
    fields: dict = field(default_factory=dict)
    # False: a post form without the CSRF token, for a page the page cache may share (the
    # receiving view then checks where the form came from, e.g. ``commerce.origin``).
    csrf: bool = True
    primary: bool = True  # the main button style, else an outlined one
    order: int = 100  # lower first

    @property
    def is_post(self):
        return self.method.lower() == "post"


@dataclass
class CoursePagePanel:
    """A box below the course page's call to action: ``template_name`` is rendered with
    ``context`` as ``panel``; ``scripts`` are script URLs the page loads (deferred)."""

    template_name: str
    context: dict = field(default_factory=dict)
    scripts: list = field(default_factory=list)


def contributed_context(page, request, context):
    """What the ``register_course_page_context`` hooks add to ``context`` for ``page``."""
    extra = {}
    for contribute in hooks.get_hooks(PAGE_CONTEXT_HOOK):
        extra.update(contribute(page, request, {**context, **extra}) or {})
    return extra


def contributed_actions(course, request, decision, place):
    """The     On the course page, ``course_page_panels`` (a list of ``CoursePagePanel``) are shown
        below the call to action; add to the list you are given rather than replacing it::

            return {"course_page_panels": [*context.get("course_page_panels", []), CoursePagePanel(...)]}

    ``register_course_page_actions`` hooks' actions for ``course`` at ``place``, in order."""
    if course is None:
        return []
    actions = []
    for contribute in hooks.get_hooks(PAGE_ACTIONS_HOOK):
        result = contribute(course, request, decision, place)
        if result is not None:
            actions.extend(result if isinstance(result, (list, tuple)) else [result])
    return sorted(actions, key=lambda action: action.order)


def contributed_statistics(course, request):
    """The ``register_course_statistics`` hooks' ``(label, value)`` rows for ``course``."""
    rows = []
    for contribute in hooks.get_hooks(STATISTICS_HOOK):
        rows.extend(contribute(course, request) or [])
    return rows


def contributed_completion_panels(course, request, enrollment):
    """The ``register_course_completion_panels`` hooks' panels for ``course``'s completion page."""
    panels = []
    for contribute in hooks.get_hooks(COMPLETION_PANELS_HOOK):
        panel = contribute(course, request, enrollment)
        if panel is not None:
            panels.append(panel)
    return panels
