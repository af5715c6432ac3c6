"""The "Communication" admin menu: announcements (editors: the whole site; instructors:
their courses; administrators: both), reports of private messages (moderators hide the
message or keep it) and the contact form's messages (status new → seen → answered)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from core.permission_policies import RefusingPermissionPolicy
from courses.viewsets.shared import forbidden

from ..models import Announcement, ContactMessage, MessageReport
from . import announcing, messaging
from .exceptions import CommunicationError

# --- Announcements ----------------------------------------------------------------------------


def _announceable_course(announcement):
    """The course an announcement is for; ``False`` when that course's page is gone."""
    if announcement.course_key is None:
        return None
    return announcement.course if announcement.course_id else False


class AnnouncementPermissionPolicy(ModelPermissionPolicy):
    """Model permissions (Editors and Instructors hold them, migration 0003), then per row:
    site-wide announcements are editors' and administrators'; a course's are its
    instructors' (``announcing.may_announce_to``)."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not super().user_has_permission_for_instance(user, action, instance):
            return False
        course = _announceable_course(instance)
        if course is False:
            return user.is_superuser
        return announcing.may_announce_to(user, course)

    def instances_user_has_permission_for(self, user, action):
        announcements = super().instances_user_has_permission_for(user, action)
        if user.is_superuser:
            return announcements
        from courses.teaching import courses_taught_by

        condition = Q(course_key__in=courses_taught_by(user).values("translation_key"), course__isnull=False)
        if announcing.may_announce_site_wide(user):
            condition |= Q(course_key__isnull=True)
        return announcements.filter(condition)


register_permission_policy(Announcement, AnnouncementPermissionPolicy(Announcement), exact_class=True)


class AnnouncementForm(WagtailAdminModelForm):
    """The course is one the author teaches (any course, for administrators); empty, the
    whole site — for editors and administrators."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from courses.models import CoursePage
        from courses.teaching import taught_by

        user = self.for_user
        field = self.fields["course"]
        courses = CoursePage.objects.defer_streamfields().order_by("title")
        if user is not None and not user.is_superuser:
            courses = courses.filter(taught_by(user)).distinct()
        field.queryset = courses
        field.empty_label = _("The whole site")
        field.widget = forms.Select(choices=field.choices)
        field.error_messages["invalid_choice"] = _("You can only post announcements to courses you teach.")
        language = self.fields["language"]
        language.choices = [("", _("Every language")), *[c for c in language.choices if c[0]]]
        if user is not None and not announcing.may_announce_site_wide(user):
            field.empty_label = None  # no "whole site" choice (clean() refuses it, should it come)
            field.help_text = ""

    def clean(self):
        cleaned_data = super().clean()
        if self.for_user is not None and "course" not in self.errors:
            try:
                announcing.check_may_announce(self.for_user, cleaned_data.get("course"))
            except CommunicationError as refusal:
                self.add_error("course", refusal.message)
        if not self.instance.pk and "expires_at" not in self.errors:
            try:
                announcing.check_expiry(cleaned_data.get("expires_at"))
            except CommunicationError as refusal:
                self.add_error("expires_at", refusal.message)
        return cleaned_data


class InstancePermissionMixin:
    """Opening an announcement one may not change is a 403 with the reason (Wagtail checks
    only the model permission)."""

    def dispatch(self, request, *args, **kwargs):
        instance = self.model.objects.filter(pk=kwargs.get("pk")).first()
        if instance is not None and not self.permission_policy.user_has_permission_for_instance(
            request.user, self.permission_required, instance
        ):
            return forbidden(request, _("You can only change announcements of courses you teach."))
        return super().dispatch(request, *args, **kwargs)


class AnnouncementIndexView(generic.IndexView):
    def get_base_queryset(self):
        announcements = self.permission_policy.instances_user_has_permission_for(self.request.user, "change")
        return announcements.select_related("course", "author")


class RefusalAsFormErrorMixin:
    """A refusal the form could not foresee (a race) is shown on the form, not a 500."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except CommunicationError as refusal:
            form.add_error(None, refusal.message)
            return self.form_invalid(form)


class AnnouncementCreateView(RefusalAsFormErrorMixin, generic.CreateView):
    def save_instance(self):
        return announcing.post(self.form.instance, self.request.user)


class AnnouncementEditView(RefusalAsFormErrorMixin, InstancePermissionMixin, generic.EditView):
    def save_instance(self):
        return announcing.change(self.form.instance, self.request.user)


class AnnouncementDeleteView(InstancePermissionMixin, generic.DeleteView):
    pass


class AnnouncementViewSet(ModelViewSet):
    model = Announcement
    name = "announcements"
    url_prefix = "communication/announcements"
    icon = "info-circle"
    menu_label = _("Announcements")
    index_view_class = AnnouncementIndexView
    add_view_class = AnnouncementCreateView
    edit_view_class = AnnouncementEditView
    delete_view_class = AnnouncementDeleteView
    copy_view_enabled = False
    search_backend_name = None
    search_fields = ["title", "body"]
    ordering = ["-pinned", "-created_at"]
    list_display = [
        "title",
        Column("course", label=_("Course"), accessor=lambda a: a.course.title if a.course else _("Whole site")),
        Column("language", label=_("Language"), accessor=lambda a: a.get_language_display() or _("Every language")),
        BooleanColumn("pinned", label=_("Pinned"), sort_key="pinned"),
        DateColumn("expires_at", label=_("Expires"), sort_key="expires_at"),
        DateColumn("created_at", label=_("Posted"), sort_key="created_at"),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("course"),
            FieldPanel("language"),
            FieldPanel("title"),
            FieldPanel("body"),
            FieldPanel("pinned"),
            FieldPanel("expires_at"),
        ],
        base_form_class=AnnouncementForm,
    )


# --- Reports of private messages ------------------------------------------------------------


class ReviewOnlyPolicy(RefusingPermissionPolicy):
    """Written on the site, never created in the admin."""

    refused = {"add"}


register_permission_policy(MessageReport, ReviewOnlyPolicy(MessageReport), exact_class=True)
register_permission_policy(ContactMessage, ReviewOnlyPolicy(ContactMessage), exact_class=True)


class ReportForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["resolution"]
        field.required = True
        field.choices = [choice for choice in field.choices if choice[0]]
        field.widget = forms.RadioSelect(choices=field.choices)
        field.label = _("Decision")


class ReportFilterSet(WagtailFilterSet):
    resolved = django_filters.BooleanFilter(
        label=_("Resolved"), field_name="resolved_at", lookup_expr="isnull", exclude=True, widget=BooleanRadioSelect
    )

    class Meta:
        model = MessageReport
        fields = []


class ReportEditView(RefusalAsFormErrorMixin, generic.EditView):
    def save_instance(self):
        return messaging.resolve(self.form.instance, self.request.user, self.form.cleaned_data["resolution"])


class ReportViewSet(ModelViewSet):
    model = MessageReport
    name = "message_reports"
    url_prefix = "communication/message-reports"
    icon = "warning"
    menu_label = _("Reported messages")
    edit_view_class = ReportEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    search_backend_name = None
    ordering = ["resolved_at", "-created_at"]  # open reports first
    filterset_class = ReportFilterSet
    list_display = [
        "message",
        Column("reporter", label=_("Reported by"), accessor=lambda r: r.reporter.get_display_name()),
        "reason",
        DateColumn("created_at", label=_("Reported"), sort_key="created_at"),
        Column("resolution", label=_("Decision"), accessor=lambda r: r.get_resolution_display() or _("Open")),
    ]
    edit_handler = ObjectList(
        [FieldPanel("message", read_only=True), FieldPanel("reason", read_only=True), FieldPanel("resolution")],
        base_form_class=ReportForm,
    )
    inspect_view_fields = ["message", "reporter", "reason", "created_at", "resolution", "resolved_by", "resolved_at"]


# --- Contact messages -----------------------------------------------------------------------


class ContactFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ContactMessage.Status.choices)

    class Meta:
        model = ContactMessage
        fields = ["status"]


class ContactEditView(generic.EditView):
    def get_object(self, queryset=None):
        """Opening a new message marks it seen."""
        message = super().get_object(queryset)
        if message.status == ContactMessage.Status.NEW and self.request.method == "GET":
            message.status = ContactMessage.Status.SEEN
            message.save(update_fields=["status"])
        return message


class ContactViewSet(ModelViewSet):
    model = ContactMessage
    name = "contact_messages"
    url_prefix = "communication/contact"
    icon = "mail"
    menu_label = _("Contact messages")
    edit_view_class = ContactEditView
    copy_view_enabled = False
    search_backend_name = None
    search_fields = ["name", "email", "subject", "body"]
    ordering = ["-created_at"]
    filterset_class = ContactFilterSet
    list_display = [
        "subject",
        "name",
        "email",
        Column("status", label=_("Status"), accessor=lambda m: m.get_status_display(), sort_key="status"),
        DateColumn("created_at", label=_("Received"), sort_key="created_at"),
    ]
    panels = [
        FieldPanel("name", read_only=True),
        FieldPanel("email", read_only=True),
        FieldPanel("subject", read_only=True),
        FieldPanel("body", read_only=True),
        FieldPanel("status"),
    ]


class CommunicationViewSetGroup(ModelViewSetGroup):
    menu_label = _("Communication")
    menu_icon = "mail"
    menu_order = 250
    items = (AnnouncementViewSet, ReportViewSet, ContactViewSet)
