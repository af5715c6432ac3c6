from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_FLAG_REASON_LENGTH, MAX_POST_LENGTH

MARKDOWN_HELP = _("You can use **bold**, _italics_, `code`, > quotes, lists and [links](https://example.com).")


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Your question"),
        max_length=MAX_POST_LENGTH,
        strip=True,
        help_text=MARKDOWN_HELP,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write something before posting.")},
    )

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["body"].label = label


class FlagForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should a moderator look at this post? (optional)"),
        max_length=MAX_FLAG_REASON_LENGTH,
        required=False,
    )
