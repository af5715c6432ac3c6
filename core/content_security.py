"""django-csp's middleware, with the header of a plain response built once.

django-csp builds the ``Content-Security-Policy`` header from the settings on every
response (twice: the policy and the report-only one): about a tenth of what a trivial view
costs through Aula's middleware. A response with nothing of its own (no nonce asked for, no
``_csp_update``/``_csp_replace``/``_csp_config``/``_csp_exempt``: every response but a
certificate preview's and a page showing an ad) gets the same headers every time, so they
are built once per settings and set here; any other response is django-csp's own.
"""

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

_OWN_PARTS = frozenset(
    {
        "_csp_config",
        "_csp_update",
        "_csp_replace",
        "_csp_exempt",
        "_csp_config_ro",
        "_csp_update_ro",
        "_csp_replace_ro",
        "_csp_exempt_ro",
    }
)
_headers = {}  # "plain": ((header, policy, excluded path prefixes), ...), built once


def _plain_headers():
    """The headers of a response with nothing of its own, with the path prefixes each
    excludes (``EXCLUDE_URL_PREFIXES``), built once per settings."""
    if "plain" not in _headers:
        built = []
        for header, setting, report_only in (
            (HEADER, "CONTENT_SECURITY_POLICY", False),
            (HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", True),
        ):
            policy = build_policy(report_only=report_only)
            if policy:
                prefixes = tuple((getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ())
                built.append((header, policy, prefixes))
        _headers["plain"] = tuple(built)
    return _headers["plain"]


@receiver(setting_changed)
def _forget_headers(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY") or setting == "DEBUG":
        _headers.clear()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        # django-csp's decorators and views set these on the response itself.
        plain = getattr(request, "_csp_nonce", None) is None and _OWN_PARTS.isdisjoint(vars(response))
        if not plain:
            return super().process_response(request, response)
        if response.status_code in (404, 500) and settings.DEBUG:
            return response
        for header, policy, prefixes in _plain_headers():
            if header not in response and not request.path_info.startswith(prefixes):
                response[header] = policy
        # As django-csp does: a nonce asked for once the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
