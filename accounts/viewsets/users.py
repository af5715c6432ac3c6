from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn
from wagtail.admin.widgets.button import MenuItem
from wagtail.users.views.users import IndexView as WagtailUserIndexView
from wagtail.users.views.users import UserColumn
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from ..forms import AdminUserCreationForm, AdminUserEditForm
from ..people import may_manage_people
from ..roles import role_names
from .learner import LearnerActionView, LearnerDeleteView, LearnerView


class UserIndexView(WagtailUserIndexView):
    """Name (to the learner page), e-mail, roles, joined, last login; a fixed number of
    queries whatever the number of users (the groups are read together)."""

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("groups")

    @cached_property
    def search_fields(self):
        return ["email", "display_name", "first_name", "last_name"]

    def learner_url(self, user):
        if may_manage_people(self.request.user):
            return reverse("wagtailusers_users:learner", args=[user.pk])
        return self.get_edit_url(user)

    @cached_property
    def columns(self):
        name_column = self._get_title_column_class(UserColumn)
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="user"),
            name_column(
                "name", accessor="get_display_name", label=_("Name"), sort_key="display_name",
                get_url=self.learner_url, classname="name",
            ),
            Column("email", label=_("E-mail"), sort_key="email"),
            Column("roles", label=_("Roles"), accessor=lambda user: ", ".join(str(r) for r in role_names(user))),
            DateColumn("date_joined", label=_("Joined"), sort_key="date_joined"),
            DateColumn("last_login", label=_("Last login"), sort_key="last_login"),
        ]  # fmt: skip

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if may_manage_people(self.request.user):
            url = reverse("wagtailusers_users:learner", args=[instance.pk])
            buttons.append(MenuItem(_("Learner page"), url, icon_name="user", priority=5))
        return buttons


class UserViewSet(WagtailUserViewSet):
    index_view_class = UserIndexView

    def get_form_class(self, for_update=False):
        return AdminUserEditForm if for_update else AdminUserCreationForm

    @cached_property
    def learner_view(self):
        return LearnerView.as_view()

    @cached_property
    def learner_action_view(self):
        return LearnerActionView.as_view()

    @cached_property
    def learner_delete_view(self):
        return LearnerDeleteView.as_view()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/learner/", self.learner_view, name="learner"),
            path("<int:pk>/learner/delete-account/", self.learner_delete_view, name="learner_delete"),
            path("<int:pk>/learner/<slug:action>/", self.learner_action_view, name="learner_action"),
        ]
