"""Admin views of course files that show and open only what the user may manage: an
instructor their own courses' files, moderators the Courses collection's, administrators
all (courses/file_permissions.py). Caption tracks get every view here; documents and media
only the two where Wagtail and wagtailmedia do not ask the registered policy: the admin
API's documents and wagtailmedia's usage page."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
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


class CourseDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    """``/admin/api/main/documents/``: the documents the user may choose (Wagtail's lists
    every document to anyone who may enter the admin)."""

    def get_queryset(self):
        allowed = file_policy(self.model).instances_user_has_any_permission_for(self.request.user, ["choose", "change"])
        return super().get_queryset().filter(pk__in=allowed.values("pk"))


def media_usage(request, media_id):
    """wagtailmedia's usage page, for those who may change the item (as Wagtail's document
    usage page asks); it checks nothing itself."""
    from wagtailmedia import get_media_model
    from wagtailmedia.views.media import usage as wagtailmedia_usage

    item = get_object_or_404(get_media_model(), pk=media_id)
    if not file_policy(item).user_has_permission_for_instance(request.user, "change", item):
        raise PermissionDenied
    return wagtailmedia_usage(request, media_id)
