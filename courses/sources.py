"""Language versions share one set of rules: the SOURCE course decides.

A course is authored in one locale (its wagtail-localize ``TranslationSource``) and
translated into others. Price, currency, audit, free preview and the requirement fields
are synchronised and not overridable by a translation (``RULE_FIELDS`` on the page
models), but a translation's database row could still differ (written before that rule,
or by code). So the access rule, enrollment and progress never read them from the
translation: they read them from the course as authored, and from each resource's
version in that course's locale.
"""

from django.db.models import Case, IntegerField, Value, When
from wagtail_localize.models import TranslationSource

# The fields a translation must never change (they decide who opens what, and what counts).
COURSE_RULE_FIELDS = ("price", "currency", "audit_allowed")
RESOURCE_RULE_FIELDS = ("free_preview", "requirement", "alternative_group")


def source_course(course):
    """The course as authored (in its source locale); the course itself when it is the
    source or has no other version. One query, remembered on the instance."""
    if course is None or not course.pk:
        return course
    if "_source_course" not in course.__dict__:
        source_locale = TranslationSource.objects.filter(object_id=course.translation_key).order_by("created_at")
        authored_first = Case(
            When(locale_id=source_locale.values("locale_id")[:1], then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        source = (
            type(course)
            .objects.filter(translation_key=course.translation_key)
            .order_by(authored_first, "pk")
            .only("pk", "locale_id", *COURSE_RULE_FIELDS)
            .first()
        )
        course.__dict__["_source_course"] = course if source is None or source.pk == course.pk else source
    return course.__dict__["_source_course"]


def resource_rules(course, translation_keys):
    """``{resource translation_key: {field: value}}`` for the resources of ``course``, as
    authored: their version in the source course's locale. Resources that exist only in
    this language version are absent (their own fields are their rules). One query, none
    when ``course`` is its own source."""
    from .models import ResourcePage

    source = source_course(course)
    if source is None or source.pk == course.pk or not translation_keys:
        return {}
    rows = ResourcePage.objects.filter(translation_key__in=list(translation_keys), locale_id=source.locale_id)
    return {row["translation_key"]: row for row in rows.values("translation_key", *RESOURCE_RULE_FIELDS)}


def source_resource_rules(resource, course):
    """The rule fields of ``resource`` as authored (a dict)."""
    own = {name: getattr(resource, name) for name in RESOURCE_RULE_FIELDS}
    return {**own, **resource_rules(course, [resource.translation_key]).get(resource.translation_key, {})}
