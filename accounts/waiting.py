"""A page kept waiting for a visitor while they sign up, log in or confirm their e-mail
address — a cart about to be paid — so they come back to it instead of the dashboard.

``register_waiting_page``
    An app registers a function taking the request and the user it is about (signing up or
    confirming their address; ``None`` if not known) and returning the URL of the page that
    waits for them, or ``None``::

        @hooks.register("register_waiting_page")
        def cart(request, user):
            return reverse("commerce:cart") if Cart(request.session) else None

    The adapter (``adapter.py``) sends there after sign-up (instead of allauth's "we sent
    you a link" page) and after the e-mail address is confirmed; the page itself says where
    the link went (``address_awaiting_confirmation``).
"""

from wagtail import hooks

WAITING_PAGE_HOOK = "register_waiting_page"
AWAITING_KEY = "accounts_awaiting_confirmation"


def waiting_page(request, user=None):
    """The URL of the page waiting for this visitor (or for ``user``), or None."""
    if request is None or not hasattr(request, "session"):
        return None
    for waiting in hooks.get_hooks(WAITING_PAGE_HOOK):
        url = waiting(request, user)
        if url:
            return url
    return None


def remember_address_sent(request, user):
    """Sign-up sent a confirmation link to ``user``'s address from this browser."""
    if user is not None and hasattr(request, "session"):
        request.session[AWAITING_KEY] = user.email


def address_awaiting_confirmation(request):
    """The address this (signed-out) browser signed up with and a link was sent to, or ''."""
    if request.user.is_authenticated or not hasattr(request, "session"):
        return ""
    return request.session.get(AWAITING_KEY, "")


def signed_up_in_this_browser(request, user_id):
    """Is the sign-up of ``user_id`` waiting for its confirmation in this browser's session
    (allauth keeps it there to log in on confirmation)? A mail scanner opening the link has
    no such session."""
    from allauth.account.stages import EmailVerificationStage, LoginStageController

    stage = LoginStageController.enter(request, EmailVerificationStage.key)
    return stage is not None and stage.login.user is not None and stage.login.user.pk == user_id
