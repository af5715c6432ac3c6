"""The language an API answer is in: ``?language=es``, else the ``Accept-Language``
header, else the site's default; content comes from the course's version in that language
when it has a live one."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from wagtail.models import Locale

CODES = [code for code, _name in settings.LANGUAGES]


def requested_language(request):
    asked = request.query_params.get("language")
    if asked is not None:
        code = asked.lower()
        if code not in CODES:
            message = _("Unknown language: use one of %(codes)s.") % {"codes": ", ".join(CODES)}
            raise ValidationError({"language": [message]})
        return code
    return translation.get_language_from_request(request._request, check_path=False)


def locale_for(code):
    """The Wagtail locale of ``code``, or the default one when the site has no such locale."""
    return Locale.objects.filter(language_code=code).first() or Locale.get_default()


class InLanguage:
    """A view mixin: the request's language is active while it is answered (translated
    labels and messages) and named in ``Content-Language``."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.language = requested_language(request)
        translation.activate(self.language)
        self.locale = locale_for(self.language)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if getattr(self, "language", None):
            response["Content-Language"] = self.language
        return response
