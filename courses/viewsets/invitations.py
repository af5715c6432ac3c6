"""Invitations in the admin (Learning → Invitations): who was invited to which course by a
bulk enrollment, by whom, and whether they accepted. Read-only; superusers (and holders of
``courses.view_invitation``)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.permissions import register_permission_policy

from core.permission_policies import RefusingPermissionPolicy

from ..models import Invitation
from .shared import CourseFilterSet, CourseRecordIndexView, CourseRecordViewSet, with_course_title


class ReadOnlyInvitationPolicy(RefusingPermissionPolicy):
    """Invitations are made by bulk enrollment and accepted by their addressee."""

    refused = {"add", "change", "delete"}


register_permission_policy(Invitation, ReadOnlyInvitationPolicy(Invitation), exact_class=True)


class InvitationFilterSet(CourseFilterSet):
    every_course_permission = "courses.view_invitation"
    pending = django_filters.BooleanFilter(label=_("Pending"), field_name="accepted_at", lookup_expr="isnull")

    class Meta:
        model = Invitation
        fields = []


class InvitationIndexView(CourseRecordIndexView):
    def get_base_queryset(self):
        return with_course_title(super().get_base_queryset().select_related("created_by"))


class InvitationViewSet(CourseRecordViewSet):
    model = Invitation
    name = "invitations"
    url_prefix = "learning/invitations"
    icon = "mail"
    menu_label = _("Invitations")
    index_view_class = InvitationIndexView
    filterset_class = InvitationFilterSet
    inspect_view_enabled = False
    exclude_form_fields = []  # never used: the policy refuses add and change
    list_display = [
        Column("email", label=_("E-mail"), sort_key="email"),
        Column("course_title", label=_("Course"), sort_key="course_title"),
        Column(
            "created_by",
            label=_("Invited by"),
            accessor=lambda i: i.created_by.get_display_name() if i.created_by else "",
        ),
        DateColumn("created_at", label=_("Invited at"), sort_key="created_at"),
        DateColumn("accepted_at", label=_("Accepted at"), sort_key="accepted_at"),
    ]
    search_fields = ["email"]
