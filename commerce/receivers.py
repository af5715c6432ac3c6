"""The anonymous cart joins the user's at login; the user's cart is kept at logout."""

from django.contrib.auth.signals import user_logged_in, user_logged_out


def merge_cart(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        from .cart import merge_at_login

        merge_at_login(request.session, user)


def keep_cart(sender, request, user, **kwargs):
    if request is not None and user is not None and hasattr(request, "session"):
        from .cart import save_for_user

        save_for_user(request.session, user)


def connect():
    user_logged_in.connect(merge_cart, dispatch_uid="commerce.merge_cart")
    user_logged_out.connect(keep_cart, dispatch_uid="commerce.keep_cart")
