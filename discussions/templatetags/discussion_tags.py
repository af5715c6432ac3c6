"""``{% load discussion_tags %}{% discussion page %}``: the page's whole discussion section
(questions newest first, their replies oldest first, the forms this user may use).

A constant number of queries whatever the number of posts: the policy's own, the thread,
one page of questions and one for all their replies."""

from django import template
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from caching.shared import shared_instance

from ..forms import FlagForm, PostForm
from ..models import Flag, Post
from ..policy import has_discussion, permissions_for
from ..services import can_edit, thread_for

register = template.Library()

QUESTIONS_PER_PAGE = 20
PAGE_PARAMETER = "discussion_page"


@register.inclusion_tag("discussions/discussion.html", takes_context=True)
def discussion(context, page):
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if page is None or not has_discussion(page):
        return {"enabled": False}
    permissions = permissions_for(page, user)
    if not (permissions.can_read or permissions.can_moderate):
        return {
            "enabled": True, "page": page, "permissions": permissions, "user": user, "request": request,
            "comments": getattr(page, "discussion_wording", "questions") == "comments",
        }  # fmt: skip

    comments = getattr(page, "discussion_wording", "questions") == "comments"
    thread = _shared_thread(request, page)
    locked = bool(thread and thread.locked)
    may_post = permissions.can_post or permissions.can_moderate
    number = _page_number(request)
    questions, has_next = [], False
    if thread:
        questions = list(
            _posts(user, permissions)
            .filter(thread=thread, parent=None)
            .prefetch_related(Prefetch("replies", queryset=_posts(user, permissions).order_by("created", "pk")))
            .order_by("-created", "-pk")[(number - 1) * QUESTIONS_PER_PAGE : number * QUESTIONS_PER_PAGE + 1]
        )
        has_next = len(questions) > QUESTIONS_PER_PAGE
        questions = questions[:QUESTIONS_PER_PAGE]
    now = timezone.now()
    writable = may_post and (not locked or permissions.can_moderate)
    for question in questions:
        _prepare(question, user, permissions, writable, now)
        for answer in question.replies.all():
            _prepare(answer, user, permissions, writable, now)
        question.reply_form = (
            PostForm(auto_id=f"reply-{question.pk}-%s", label=_("Your reply"))
            if writable and not question.hidden and (not question.held or permissions.can_moderate)
            else None
        )
    return {
        "enabled": True,
        "page": page,
        "user": user,
        "request": request,
        "permissions": permissions,
        "thread": thread,
        "locked": locked,
        "question_form": PostForm(auto_id="discussion-%s", label=_("Your comment") if comments else None)
        if writable
        else None,
        "comments": comments,
        "questions": questions,
        "page_number": number,
        "previous_page": number - 1 if number > 1 else None,
        "next_page": number + 1 if has_next else None,
        "page_parameter": PAGE_PARAMETER,
    }


def _shared_thread(request, page):
    """The page's thread as ``thread_for`` reads it, kept until the next change (a post or a
    lock renews the page's discussion: discussions/renewals.py): most lessons have none, and
    every visitor asks."""
    from ..renewals import discussion

    if request is None:
        return thread_for(page)
    key = page.translation_key
    return shared_instance(request, f"thread:{key}", lambda: thread_for(page), scopes=[discussion(key)])


def _posts(user, permissions):
    posts = Post.objects.select_related("author")
    if not permissions.can_moderate:  # held posts: their authors' and the moderators' eyes only
        authenticated = getattr(user, "is_authenticated", False)
        posts = posts.filter(Q(held=False) | Q(author=user)) if authenticated else posts.filter(held=False)
    if permissions.can_moderate:
        posts = posts.select_related("hidden_by").annotate(flag_count=Count("flags"))
    if getattr(user, "is_authenticated", False):
        posts = posts.annotate(flagged_by_me=Exists(Flag.objects.filter(post=OuterRef("pk"), user=user)))
    return posts


def _prepare(post, user, permissions, writable, now):
    """What this user may do with this post, and the forms for it."""
    authenticated = getattr(user, "is_authenticated", False)
    post.show_body = not post.hidden or permissions.can_moderate
    post.editable = writable and can_edit(post, user, now)
    post.edit_form = (
        PostForm(initial={"body": post.body}, auto_id=f"edit-{post.pk}-%s", label=_("Your post"))
        if post.editable
        else None
    )
    post.flaggable = (
        authenticated and post.author_id != user.pk and not post.hidden and not post.held and not post.flagged_by_me
    )
    post.flag_form = FlagForm(auto_id=f"flag-{post.pk}-%s") if post.flaggable else None


def _page_number(request):
    try:
        return max(1, min(int(request.GET.get(PAGE_PARAMETER, 1)), 10_000))
    except (AttributeError, TypeError, ValueError):
        return 1
