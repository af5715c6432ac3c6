from django import forms
from django.utils.translation import gettext_lazy as _

from ..models.contact import MAX_CONTACT_MESSAGE_LENGTH
from ..models.messages import MAX_MESSAGE_LENGTH, MAX_REPORT_REASON_LENGTH, MAX_SUBJECT_LENGTH
from .attachments import EXTENSIONS

MARKDOWN_HELP = _("You can use **bold**, _italics_, `code`, > quotes, lists and [links](https://example.com).")
ATTACHMENT_HELP = _("Optional. A document or an image: %(types)s.") % {"types": ", ".join(EXTENSIONS)}


def _body_field(label):
    return forms.CharField(
        label=label,
        max_length=MAX_MESSAGE_LENGTH,
        help_text=MARKDOWN_HELP,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write something before sending.")},
    )


class ReplyForm(forms.Form):
    body = _body_field(_("Your message"))
    attachment = forms.FileField(label=_("Attachment"), required=False, help_text=ATTACHMENT_HELP)


class ThreadForm(ReplyForm):
    course = forms.TypedChoiceField(label=_("Course"), coerce=int)
    subject = forms.CharField(
        label=_("Subject"),
        max_length=MAX_SUBJECT_LENGTH,
        error_messages={"required": _("Give your message a subject.")},
    )

    field_order = ["course", "subject", "body", "attachment"]

    def __init__(self, *args, courses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].choices = [(course.pk, course.title) for course in courses]
        self.fields["body"].label = _("Your message to the course's instructors")


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should a moderator look at this message? (optional)"),
        max_length=MAX_REPORT_REASON_LENGTH,
        required=False,
    )


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=100)
    email = forms.EmailField(label=_("Your e-mail address"), help_text=_("We answer to this address."))
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(
        label=_("Message"), max_length=MAX_CONTACT_MESSAGE_LENGTH, widget=forms.Textarea(attrs={"rows": 6})
    )
    # Spam checks (notifications.communication.contact): a field people never see and a
    # signed moment the form was shown.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)
