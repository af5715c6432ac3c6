from allauth.account.forms import ReauthenticateForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.users.forms import UserCreationForm, UserEditForm

from .models import User
from .time_zones import time_zone_choices


class SignupForm(AllauthSignupForm):
    """Sign-up asks for a display name besides the e-mail and password."""

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        required=False,
        help_text=_("Shown on the site and on your certificates."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    field_order = ["display_name", "email", "password1", "password2"]

    def save(self, request):
        user = super().save(request)
        user.display_name = self.cleaned_data.get("display_name", "")
        user.save(update_fields=["display_name"])
        return user


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        required=False,  # not sent: the site's
        help_text=_("Availability dates and deadlines are shown in this time zone."),
    )

    class Meta:
        model = User
        fields = ["display_name", "first_name", "last_name", "time_zone", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.time_zone:  # never chosen: the site's, preselected
            self.initial["time_zone"] = settings.TIME_ZONE


class InstructorProfileForm(ProfileForm):
    """Instructors also keep the profile their courses' landing pages show: a bio and a
    photo (stored as a Wagtail image, so it is checked and resized like every image)."""

    photo_upload = WagtailImageField(label=_("Photo"), required=False, help_text=_("A square picture works best."))
    remove_photo = forms.BooleanField(label=_("Remove the current photo"), required=False)

    class Meta(ProfileForm.Meta):
        fields = [*ProfileForm.Meta.fields, "bio"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.photo_id:
            del self.fields["remove_photo"]

    def save(self, commit=True):
        user = super().save(commit=False)
        upload = self.cleaned_data.get("photo_upload")
        if upload:
            user.photo = get_image_model().objects.create(
                title=_("Photo of %(name)s") % {"name": user.get_display_name()}, file=upload, uploaded_by_user=user
            )
        elif self.cleaned_data.get("remove_photo"):
            user.photo = None
        if commit:
            user.save()
            if {"bio", "photo_upload", "remove_photo", "display_name"} & set(self.changed_data):
                # An instructor's name, bio and photo show on their courses' anonymous pages.
                from caching import scopes

                scopes.renew(scopes.SITE)
        return user


def profile_form_class(user):
    from .roles import INSTRUCTORS

    if user.is_superuser or user.groups.filter(name=INSTRUCTORS).exists():
        return InstructorProfileForm
    return ProfileForm


class OptionalNamesMixin:
    """Sign-up asks for no first or last name (only a display name): the admin's user form
    must not require them either, or a self-registered user could not be saved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name"):
            if name in self.fields:
                self.fields[name].required = False


class AdminUserCreationForm(OptionalNamesMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | {"display_name"}


class AdminUserEditForm(OptionalNamesMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | {"display_name"}


class DeleteAccountForm(ReauthenticateForm):
    """Deleting one's own account: the password again (allauth's check, rate limited), and
    what becomes of any certificates they hold."""

    KEEP, REVOKE = "keep", "revoke"
    certificates = forms.ChoiceField(
        label=_("Your certificates, if you hold any"),
        choices=[
            (KEEP, _("Keep them verifiable: anyone with a certificate's code still sees your name as it was issued")),
            (REVOKE, _("Revoke them: their verification pages say they are revoked, without your name")),
        ],
        widget=forms.RadioSelect,
    )

    @property
    def keep_certificates(self):
        return self.cleaned_data.get("certificates") == self.KEEP


class AdminDeleteAccountForm(forms.Form):
    """An administrator deleting an account on its holder's request."""

    certificates = forms.ChoiceField(
        label=_("Their certificates, as the holder chose"),
        choices=[
            (DeleteAccountForm.KEEP, _("Keep them verifiable: the name as issued stays on their verification pages")),
            (DeleteAccountForm.REVOKE, _("Revoke them: their verification pages say revoked, without the name")),
        ],
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(
        label=_("The holder asked for their account to be deleted, and this cannot be undone"), required=True
    )
