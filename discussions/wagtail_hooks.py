"""The "Discussions" admin menu: moderators review reported posts and hide or unhide
them (the text itself is read-only), and see every report."""

import django_filters
from django.db.models import Count, OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from core.permission_policies import RefusingPermissionPolicy

from .models import Flag, Post
from .services import release, set_hidden


class ReviewOnlyPermissionPolicy(RefusingPermissionPolicy):
    """Posts and flags are written on the site, never created in the admin."""

    refused = {"add"}


register_permission_policy(Post, ReviewOnlyPermissionPolicy(Post), exact_class=True)
register_permission_policy(Flag, ReviewOnlyPermissionPolicy(Flag), exact_class=True)


def with_page_title(queryset, thread_path):
    return queryset.annotate(
        page_title=Subquery(
            Page.objects.filter(translation_key=OuterRef(f"{thread_path}page_key")).order_by("pk").values("title")[:1]
        )
    )


class PostFilterSet(WagtailFilterSet):
    held = django_filters.BooleanFilter(label=_("Awaiting approval"), widget=BooleanRadioSelect)
    hidden = django_filters.BooleanFilter(label=_("Hidden"), widget=BooleanRadioSelect)
    flagged = django_filters.BooleanFilter(label=_("Reported"), method="filter_flagged", widget=BooleanRadioSelect)

    def filter_flagged(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(flag_count__gt=0) if value else queryset.filter(flag_count=0)

    class Meta:
        model = Post
        fields = ["held", "hidden"]


class PostIndexView(generic.IndexView):
    def get_base_queryset(self):
        posts = super().get_base_queryset().select_related("author").annotate(flag_count=Count("flags"))
        return with_page_title(posts, "thread__")


class PostEditView(generic.EditView):
    def save_instance(self):
        """Hiding or approving through the admin records who did it, as on the site."""
        post = self.form.instance
        hidden, held = post.hidden, post.held
        post.hidden, post.held = Post.objects.values_list("hidden", "held").get(pk=post.pk)
        if post.held and not held:
            release(post, self.request.user)
        return set_hidden(post, hidden, self.request.user)


class PostViewSet(ModelViewSet):
    model = Post
    name = "discussion_posts"
    url_prefix = "discussions/posts"
    icon = "comment"
    menu_label = _("Posts")
    index_view_class = PostIndexView
    edit_view_class = PostEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "excerpt",
        Column("page_title", label=_("Page")),
        Column("author", label=_("Author")),
        DateColumn("created", label=_("Posted"), sort_key="created"),
        Column("flag_count", label=_("Reports"), sort_key="flag_count"),
        BooleanColumn("held", label=_("Awaiting approval"), sort_key="held"),
        BooleanColumn("hidden", label=_("Hidden"), sort_key="hidden"),
    ]
    filterset_class = PostFilterSet
    ordering = ["-held", "-flag_count", "-created"]  # posts awaiting approval, then reported ones, first
    search_fields = ["body"]
    panels = [FieldPanel("body", read_only=True), FieldPanel("held"), FieldPanel("hidden")]
    inspect_view_fields = [
        "author", "created", "edited_at", "body",
        "held", "approved_by", "approved_at", "hidden", "hidden_by", "hidden_at",
    ]  # fmt: skip


class FlagIndexView(generic.IndexView):
    def get_base_queryset(self):
        flags = super().get_base_queryset().select_related("user", "post", "post__author")
        return with_page_title(flags, "post__thread__")


class FlagViewSet(ModelViewSet):
    model = Flag
    name = "discussion_reports"
    url_prefix = "discussions/reports"
    icon = "warning"
    menu_label = _("Reports")
    index_view_class = FlagIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "post",
        Column("page_title", label=_("Page")),
        Column("user", label=_("Reported by")),
        "reason",
        DateColumn("created", label=_("Reported"), sort_key="created"),
        TitleColumn(
            "review",
            label=_("Review"),
            accessor=lambda flag: _("Hide or unhide the post"),
            get_url=lambda flag: reverse("discussion_posts:edit", args=[flag.post_id]),
        ),
    ]
    ordering = ["-created"]
    panels = [FieldPanel("post", read_only=True), FieldPanel("reason", read_only=True)]
    inspect_view_fields = ["post", "user", "reason", "created"]


class DiscussionsViewSetGroup(ModelViewSetGroup):
    menu_label = _("Discussions")
    menu_icon = "comment"
    menu_order = 260
    items = (PostViewSet, FlagViewSet)


@hooks.register("register_admin_viewset")
def register_discussions_viewsets():
    return DiscussionsViewSetGroup()


@hooks.register("register_school_figures")
def reports_waiting_figure(request, period, course):
    """ "Reports waiting" on the admin home, for those who hide posts (accounts/school_figures.py)."""
    from accounts.school_figures import Waiting

    from .services import reports_waiting

    if course is not None or not request.user.has_perm("discussions.change_post"):
        return None
    url = reverse("discussion_posts:index") + "?flagged=true&hidden=false"
    return [Waiting("reports", _("reports waiting"), reports_waiting().count(), url, order=20)]
