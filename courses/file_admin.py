"""Admin views of caption tracks that show and open only what the user may manage: an
instructor their own courses' tracks, moderators the Courses collection's, administrators
all (courses/file_permissions.py). Documents and media need nothing here: Wagtail's and
wagtailmedia's views already ask the registered policy."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views import chooser, snippets

from .file_permissions import file_policy
from .forms import CaptionTrackForm
from .models import CaptionTrack

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


class CaptionTrackUploadForm(CaptionTrackForm):
    """The caption track form of the video and audio blocks' chooser ("Upload captions")."""

    class Meta:
        model = CaptionTrack
        fields = ["title", "file", "language", "label", "collection"]


class UploaderFormMixin:
    """The chooser's "Upload" tab builds its form for the user (the collections they may
    add to: their own courses')."""

    def get_creation_form_kwargs(self):
        return {**super().get_creation_form_kwargs(), "for_user": self.request.user}


class CaptionChooseView(UploaderFormMixin, ChooseView):
    pass


class CaptionChooseResultsView(UploaderFormMixin, ChooseResultsView):
    pass


class CaptionCreateView(UploaderFormMixin, chooser.SnippetCreateView):
    pass


class CaptionTrackChooserViewSet(chooser.SnippetChooserViewSet):
    """Choose a caption track, or upload one without leaving the video or audio block."""

    choose_view_class = CaptionChooseView
    choose_results_view_class = CaptionChooseResultsView
    chosen_view_class = ChosenView
    create_view_class = CaptionCreateView
    creation_form_class = CaptionTrackUploadForm
    create_action_label = _("Upload")
    creation_tab_label = _("Upload captions")


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
