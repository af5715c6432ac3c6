"""Admin views of caption tracks that show and open only what the user may manage: an
instructor their own courses' tracks, moderators the Courses collection's, administrators
all (courses/file_permissions.py). Documents and media need nothing here: Wagtail's and
wagtailmedia's views already ask the registered policy."""

from django.core.exceptions import PermissionDenied
from wagtail.snippets.views import chooser, snippets

from .file_permissions import file_policy

MANAGE = ["change", "delete", "view"]


def manageable(user, model):
    return file_policy(model).instances_user_has_any_permission_for(user, MANAGE)


class ManageableObjectMixin:
    """One object's view: refused unless the user may manage that object."""

    def get_object(self, *args, **kwargs):
        item = super().get_object(*args, **kwargs)
        if item is not None and not file_policy(item).user_has_any_permission_for_instance(
            self.request.user, MANAGE, item
        ):
            raise PermissionDenied
        return item


class ManageableListMixin:
    def get_object_list(self):
        return manageable(self.request.user, self.model_class)


class EditView(ManageableObjectMixin, snippets.EditView):
    pass


class DeleteView(ManageableObjectMixin, snippets.DeleteView):
    pass


class CopyView(ManageableObjectMixin, snippets.CopyView):
    pass


class UsageView(ManageableObjectMixin, snippets.UsageView):
    pass


class HistoryView(ManageableObjectMixin, snippets.HistoryView):
    pass


class InspectView(ManageableObjectMixin, snippets.InspectView):
    pass


class ChooseView(ManageableListMixin, chooser.ChooseView):
    pass


class ChooseResultsView(ManageableListMixin, chooser.ChooseResultsView):
    pass


class ChosenView(ManageableObjectMixin, chooser.SnippetChosenView):
    pass


class CaptionTrackChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView


class ManageableFilesViewSetMixin:
    """For a SnippetViewSet of a collection member (caption tracks)."""

    edit_view_class = EditView
    delete_view_class = DeleteView
    copy_view_class = CopyView
    usage_view_class = UsageView
    history_view_class = HistoryView
    inspect_view_class = InspectView
    chooser_viewset_class = CaptionTrackChooserViewSet

    def get_queryset(self, request):
        return manageable(request.user, self.model)
