from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.models import Collection

from accounts.roles import INSTRUCTORS

from .sources import COURSE_RULE_FIELDS, RESOURCE_RULE_FIELDS


class SourceRulesFormMixin:
    """In a translation's editor (a copy no longer synced by wagtail-localize, or made by
    code), the rule fields are shown but cannot be changed: they are the source's."""

    rule_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.instance.is_rules_source():
            for name in self.rule_fields:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = _("Set on the course in its original language.")


class CoursePageForm(SourceRulesFormMixin, WagtailAdminPageForm):
    """The course editor: instructors are chosen among the Instructors group, and a new
    course starts with its author as instructor."""

    rule_fields = COURSE_RULE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("instructors")
        if field is None:
            return
        current = list(self.instance.instructors.all()) if self.instance.pk else []
        field.queryset = (
            get_user_model()
            .objects.filter(Q(groups__name=INSTRUCTORS) | Q(pk__in=[u.pk for u in current]))
            .distinct()
            .order_by("display_name", "email")
        )
        field.widget = forms.CheckboxSelectMultiple(choices=field.choices)
        user = self.for_user
        is_new = not self.instance.pk and not self.initial.get("instructors")
        if is_new and user is not None and user.groups.filter(name=INSTRUCTORS).exists():
            self.initial["instructors"] = [user.pk]
        self._limit_intro_captions(user)
        self._protect_featured(user)

    def _limit_intro_captions(self, user):
        """The intro video's captions are chosen among the caption tracks the user may choose."""
        field = self.fields.get("intro_captions")
        if field is None or user is None:
            return
        from .file_permissions import file_policy

        current = list(self.instance.intro_captions.all()) if self.instance.pk else []
        allowed = file_policy(field.queryset.model).instances_user_has_any_permission_for(user, ["choose", "change"])
        field.queryset = (allowed | field.queryset.model.objects.filter(pk__in=[t.pk for t in current])).distinct()
        field.widget = forms.CheckboxSelectMultiple(choices=field.choices)
        field.help_text = _("WebVTT caption tracks for the intro video, one per language (Courses → Caption tracks).")

    def _protect_featured(self, user):
        """Only editors, moderators and administrators mark a course featured: for anyone
        else the field is shown disabled, and a posted value is ignored (Django keeps the
        saved one for a disabled field)."""
        from .permissions import may_feature_courses

        field = self.fields.get("featured")
        if field is not None and (user is None or not may_feature_courses(user)):
            field.disabled = True
            field.help_text = _("Editors, moderators and administrators choose the featured courses.")


class CaptionTrackForm(WagtailAdminModelForm):
    """A caption track goes in a collection the user may add to (for an instructor: one of
    their courses' collections); a new track starts in their most recent course's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("collection")
        if field is None or self.for_user is None:
            return
        from .file_permissions import file_policy
        from .uploads import default_course_collection

        allowed = file_policy(self._meta.model).collections_user_has_permission_for(self.for_user, "add")
        if self.instance.pk:
            allowed = allowed | Collection.objects.filter(pk=self.instance.collection_id)
        field.queryset = allowed.distinct()
        field.empty_label = None
        default_course_collection(self, self.for_user)


class ResourcePageForm(SourceRulesFormMixin, WagtailAdminPageForm):
    rule_fields = RESOURCE_RULE_FIELDS


class CatalogFilterForm(forms.Form):
    """The catalog's filters (GET). Unknown values are ignored, never an error page."""

    q = forms.CharField(
        label=_("Search courses"), required=False, max_length=100, widget=forms.TextInput(attrs={"type": "search"})
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    price = forms.ChoiceField(
        label=_("Price"), required=False, choices=[("", _("Any price")), ("free", _("Free")), ("paid", _("Paid"))]
    )

    def __init__(self, *args, categories=(), levels=(), languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All categories"))] + [(c.slug, c.name) for c in categories]
        self.fields["level"].choices = [("", _("Any level"))] + list(levels)
        self.fields["language"].choices = [("", _("Any language"))] + list(languages)
