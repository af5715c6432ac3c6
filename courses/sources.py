"""Language versions share one set of rules: the SOURCE course decides.

A course is authored in one locale (its wagtail-localize ``TranslationSource``) and
translated into others. Price, audit, free preview and the requirement fields
are synchronised and not overridable by a translation (``RULE_FIELDS`` on the page
models), but a translation's database row could still differ (written before that rule,
or by code). So the access rule, enrollment and progress never read them from the
translation: they read them from the course as authored, and from each resource's
version in that course's locale.
"""

from django.db.models import Case, IntegerField, OuterRef, Q, Subquery, Value, When
from wagtail_localize.models import TranslationSource

# The fields a translation must never change (they decide who opens what, and what counts).
COURSE_RULE_FIELDS = ("price", "audit_allowed")
RESOURCE_RULE_FIELDS = ("free_preview", "requirement", "alternative_group")


def source_course(course):
    """The course as authored (in its source locale); the course itself when it is the
    source or has no other version. One query, remembered on the instance."""
    if course is None or not course.pk:
        return course
    if "_source_course" not in course.__dict__:
        source_courses([course])
    return course.__dict__["_source_course"]


def source_courses(courses):
    """Resolve (and remember) the source of each course in ``courses``: from the shared
    cache (renewed on every publish, which is when a live row's rules change), the others
    together in one query, so a page listing many courses (the dashboard) costs the same
    for 1 or 20 of them."""
    from . import cached

    pending = {c.pk: c for c in courses if c is not None and c.pk and "_source_course" not in c.__dict__}
    if not pending:
        return
    model = type(next(iter(pending.values())))
    found = cached.course_rules(pending, lambda: _read_sources(model, pending))
    names = _source_field_names(model)
    for pk, course in pending.items():
        source = model.from_db("default", names, found[f"course-rules:{pk}"])
        course.__dict__["_source_course"] = course if source.pk == course.pk else source


# What a course's language versions share (its rules), kept per course in the shared cache.
_SOURCE_FIELDS = ("id", "page_ptr_id", "translation_key", "locale_id", *COURSE_RULE_FIELDS)


def _source_field_names(model):
    """``_SOURCE_FIELDS`` in the model's field order, as ``Model.from_db`` reads them."""
    return [field.attname for field in model._meta.concrete_fields if field.attname in _SOURCE_FIELDS]


def _read_sources(model, courses_by_pk):
    """``{"course-rules:<pk>": values of _SOURCE_FIELDS of its source}`` in one query."""
    keys = {course.translation_key for course in courses_by_pk.values()}
    source_locale = TranslationSource.objects.filter(object_id=OuterRef("translation_key")).order_by("created_at")
    authored_first = Case(
        When(locale_id=Subquery(source_locale.values("locale_id")[:1]), then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    sources = {}
    rows = model.objects.filter(translation_key__in=keys).order_by("translation_key", authored_first, "pk")
    for row in rows.only(*COURSE_RULE_FIELDS, "translation_key", "locale_id"):
        sources.setdefault(row.translation_key, row)
    names = _source_field_names(model)
    found = {}
    for pk, course in courses_by_pk.items():
        source = sources.get(course.translation_key) or course
        found[f"course-rules:{pk}"] = [getattr(source, name) for name in names]
    return found


def resource_rules(course, translation_keys):
    """``{resource translation_key: {field: value}}`` for the resources of ``course``, as
    authored: their version in the source course's locale. Resources that exist only in
    this language version are absent (their own fields are their rules). One query, none
    when ``course`` is its own source."""
    return resource_rules_of({course: translation_keys}).get(course.pk, {})


def resource_rules_of(keys_by_course):
    """``{course pk: {resource translation_key: {field: value}}}`` for several courses in at
    most two queries (see ``resource_rules``)."""
    from .models import ResourcePage

    courses = [course for course in keys_by_course if course is not None and course.pk]
    source_courses(courses)
    translated = {
        course: source_course(course) for course in courses
        if source_course(course).pk != course.pk and keys_by_course[course]
    }  # fmt: skip
    if not translated:
        return {}
    wanted = Q()
    for course, source in translated.items():
        wanted |= Q(translation_key__in=list(keys_by_course[course]), locale_id=source.locale_id)
    found = {
        (row["translation_key"], row["locale_id"]): row
        for row in ResourcePage.objects.filter(wanted).values("translation_key", "locale_id", *RESOURCE_RULE_FIELDS)
    }
    rules = {}
    for course, source in translated.items():
        rules[course.pk] = {
            key: {name: found[(key, source.locale_id)][name] for name in RESOURCE_RULE_FIELDS}
            for key in keys_by_course[course]
            if (key, source.locale_id) in found
        }
    return rules


def source_resource_rules(resource, course):
    """The rule fields of ``resource`` as authored (a dict); those resolved beforehand by
    ``remember_source_resource_rules`` (a listing of many resources) when there are."""
    if "_source_rules" in resource.__dict__:
        return resource.__dict__["_source_rules"]
    own = {name: getattr(resource, name) for name in RESOURCE_RULE_FIELDS}
    return {**own, **resource_rules(course, [resource.translation_key]).get(resource.translation_key, {})}


def remember_source_resource_rules(resources_by_course):
    """Resolve the authored rule fields of the resources of several courses
    (``{course: [resource, ...]}``) in at most two queries, remembered on each resource."""
    keys = {
        course: {resource.translation_key for resource in resources}
        for course, resources in resources_by_course.items()
    }
    rules = resource_rules_of(keys)
    for course, resources in resources_by_course.items():
        for resource in resources:
            own = {name: getattr(resource, name) for name in RESOURCE_RULE_FIELDS}
            authored = rules.get(getattr(course, "pk", None), {}).get(resource.translation_key, {})
            resource.__dict__["_source_rules"] = {**own, **authored}
