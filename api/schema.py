"""What the OpenAPI schema says beyond what drf-spectacular reads from the views: the API
key's security scheme and the one error shape every operation may answer with."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API key made by an administrator (Settings → API keys): `aula_<prefix>_<secret>`.",
        }


Error = inline_serializer(
    name="Error",
    fields={
        "error": inline_serializer(
            name="ErrorDetail",
            fields={
                "code": serializers.CharField(help_text="A stable, machine-readable code (e.g. `invalid`)."),
                "message": serializers.CharField(help_text="What went wrong, in the request's language."),
                "fields": serializers.DictField(
                    child=serializers.JSONField(), help_text="For `invalid`: the problem with each field."
                ),
            },
        )
    },
)

_ERRORS = {
    400: "The request is not valid (see `fields`).",
    401: "No API key, or a malformed, unknown, revoked or expired one.",
    403: "The key does not have the scope this operation needs.",
    404: "Not found.",
    405: "Method not allowed.",
    406: "Only JSON is answered.",
    409: "The `request_id` was used before with a different request.",
    415: "Only JSON bodies are accepted.",
    422: "The site's rules refuse it (e.g. a paid course enrolled as free).",
    429: "Too many requests with this key: wait `Retry-After` seconds.",
}


def responses(answers, *errors):
    """``answers`` (status → serializer) plus the errors every operation may give and
    ``errors`` of its own."""
    codes = sorted({400, 401, 403, 405, 406, 429, *errors})
    return {**answers, **{code: OpenApiResponse(Error, description=_ERRORS[code]) for code in codes}}


def only_the_api(endpoints, **kwargs):
    """The schema describes ``/api/v1/`` alone (not Wagtail's admin API, nor the catch-all)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


class ScopedSchema(AutoSchema):
    """Each operation's description names the scope it needs (``ApiView.required_scopes``)."""

    def get_description(self):
        scopes = self.view.required_scopes
        scope = scopes.get(self.method) or scopes.get("*")
        return f"Needs an API key with the `{scope}` scope." if scope else ""
