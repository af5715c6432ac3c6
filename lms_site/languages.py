"""Django's ``LocaleMiddleware``, with the path's language found once per request.

Django's middleware asks ``get_language_from_path`` three times per request (twice on the
way in, once on the way out), and outside the language prefix each time raises and catches
a ``LookupError``. This one takes it from ``caching.path_language`` (found once per request,
shared with the page cache and the shared site) and otherwise decides exactly as Django's:
the path's language under ``i18n_patterns``, else the default language when it has no
prefix, else the visitor's cookie or ``Accept-Language``; the same ``Vary`` and
``Content-Language`` headers and the same redirect of a 404 to its prefixed path.
``lms_site/tests/test_languages.py`` compares the two.
"""

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.middleware import locale
from django.urls import get_script_prefix, is_valid_path
from django.utils import translation
from django.utils.cache import patch_vary_headers

from caching.path_language import path_language


class LocaleMiddleware(locale.LocaleMiddleware):
    def process_request(self, request):
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        i18n_patterns_used, prefixed_default_language = is_language_prefix_patterns_used(urlconf)
        language_from_path = path_language(request)
        if i18n_patterns_used and language_from_path:
            language = language_from_path
        elif i18n_patterns_used and not prefixed_default_language:
            language = settings.LANGUAGE_CODE
        else:
            language = translation.get_language_from_request(request)  # cookie, Accept-Language, default
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        language = translation.get_language()
        language_from_path = path_language(request)
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        i18n_patterns_used, prefixed_default_language = is_language_prefix_patterns_used(urlconf)
        if response.status_code == 404 and not language_from_path and i18n_patterns_used and prefixed_default_language:
            redirect = self._redirect_to_prefixed_path(request, language, urlconf)
            if redirect is not None:
                return redirect
        if not (i18n_patterns_used and language_from_path):
            patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", language)
        return response

    def _redirect_to_prefixed_path(self, request, language, urlconf):
        """Django's: the path with the language prefix, when that names a view (or would with
        a slash), as a redirect that varies on the language's sources."""
        language_path = f"/{language}{request.path_info}"
        path_valid = is_valid_path(language_path, urlconf)
        path_needs_slash = not path_valid and (
            settings.APPEND_SLASH and not language_path.endswith("/") and is_valid_path(f"{language_path}/", urlconf)
        )
        if not (path_valid or path_needs_slash):
            return None
        script_prefix = get_script_prefix()
        language_url = request.get_full_path(force_append_slash=path_needs_slash).replace(
            script_prefix, f"{script_prefix}{language}/", 1
        )
        redirect = self.response_redirect_class(language_url)
        patch_vary_headers(redirect, ("Accept-Language", "Cookie"))
        return redirect
