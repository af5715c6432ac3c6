"""The discussion's form targets. Each takes a POST, asks a service, and sends the user
back to the page with a message; a refused action changes nothing. A GET (e.g. after
logging in) just goes back to the page."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from wagtail.models import Page

from . import services
from .models import Post

DISCUSSION_ANCHOR = "discussion"


def back_to(page, request, anchor=DISCUSSION_ANCHOR):
    url = (page.get_url(request=request) if page else None) or "/"
    return HttpResponseRedirect(f"{url}#{anchor}")


def discussion_action(find_target):
    """Wrap a view ``action(request, target) -> (message, anchor)``: login, GET-to-page,
    and refusals turned into messages. ``find_target(id)`` -> (target, page) or 404."""

    def decorator(action):
        @login_required
        @wraps(action)
        def view(request, pk):
            target, page = find_target(pk)
            if request.method != "POST":
                return back_to(page, request)
            try:
                message, anchor = action(request, target)
            except services.DiscussionError as refusal:
                messages.error(request, refusal.message)
                return back_to(page, request)
            messages.success(request, message)
            return back_to(page, request, anchor)

        return view

    return decorator


def _page(pk):
    page = get_object_or_404(Page.objects.live(), pk=pk).specific
    return page, page


def _post(pk):
    post = get_object_or_404(Post.objects.select_related("thread", "parent"), pk=pk)
    page = post.thread.page()
    return post, page.specific if page else None


def _body(request):
    return request.POST.get("body", "")


def _posted(post, message):
    if post.held:
        return _("Thank you: your post will appear once a moderator approves it."), f"post-{post.pk}"
    return message, f"post-{post.pk}"


@discussion_action(_page)
def post_question(request, page):
    post = services.post_question(page, request.user, _body(request))
    return _posted(post, _("Your question is posted."))


@discussion_action(_post)
def reply(request, parent):
    post = services.reply(parent, request.user, _body(request))
    return _posted(post, _("Your reply is posted."))


@discussion_action(_post)
def approve(request, post):
    services.approve_post(post, request.user)
    return _("The post is approved: everyone can read it."), f"post-{post.pk}"


@discussion_action(_post)
def edit(request, post):
    services.edit_post(post, request.user, _body(request))
    return _("Your post is updated."), f"post-{post.pk}"


@discussion_action(_post)
def flag(request, post):
    services.flag_post(post, request.user, request.POST.get("reason", ""))
    return _("Thank you: a moderator will look at this post."), f"post-{post.pk}"


@discussion_action(_post)
def hide(request, post):
    services.hide_post(post, request.user)
    return _("The post is hidden."), f"post-{post.pk}"


@discussion_action(_post)
def unhide(request, post):
    services.unhide_post(post, request.user)
    return _("The post is visible again."), f"post-{post.pk}"


@discussion_action(_page)
def lock(request, page):
    services.lock_thread(page, request.user)
    return _("The discussion is locked."), DISCUSSION_ANCHOR


@discussion_action(_page)
def unlock(request, page):
    services.unlock_thread(page, request.user)
    return _("The discussion is open again."), DISCUSSION_ANCHOR
