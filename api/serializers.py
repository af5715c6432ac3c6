"""What the API reads and answers, field by field (and so what its OpenAPI schema says)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail.rich_text import expand_db_html

from courses.learning.enrollment import Source
from courses.models.pages import Level

MAX_ID = 10**18 - 1  # ids are 64-bit integers: anything larger is refused, not overflowed


# --- Query parameters ----------------------------------------------------------------------
class Query(serializers.Serializer):
    """Query parameters: unknown ones are ignored, known ones validated (a NUL byte, an
    overlong value or an unknown choice is a 400)."""

    page = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID, help_text=_("Page number."))


class CatalogQuery(Query):
    category = serializers.CharField(required=False, max_length=80, help_text=_("A category's slug."))
    level = serializers.ChoiceField(required=False, choices=Level.choices)
    taught_in = serializers.CharField(
        required=False, max_length=10, help_text=_("The language the course is taught in (e.g. en).")
    )
    price = serializers.ChoiceField(required=False, choices=[("free", _("Free")), ("paid", _("Paid"))])


class LearnerQuery(Query):
    learner = serializers.CharField(required=False, max_length=254, help_text=_("A learner's id or e-mail address."))


class EnrollmentQuery(LearnerQuery):
    course = serializers.UUIDField(required=False, help_text=_("A course's key."))


class ProgressQuery(Query):
    course = serializers.UUIDField(required=False, help_text=_("Only this course (its key)."))


class OrderQuery(LearnerQuery):
    status = serializers.ChoiceField(required=False, choices=[])

    def __init__(self, *args, **kwargs):
        from commerce.models import Order

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = Order.Status.choices


# --- Courses -------------------------------------------------------------------------------
class CategorySerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class CourseSerializer(serializers.Serializer):
    key = serializers.UUIDField(source="translation_key", help_text=_("The course in every language."))
    id = serializers.IntegerField(source="pk", help_text=_("This language version's page id."))
    language = serializers.CharField(source="locale.language_code", help_text=_("The language of these fields."))
    title = serializers.CharField()
    summary = serializers.CharField()
    url = serializers.SerializerMethodField()
    level = serializers.ChoiceField(choices=Level.choices)
    taught_in = serializers.CharField(source="language")
    category = CategorySerializer(allow_null=True)
    price = serializers.DecimalField(source="rules.price", max_digits=8, decimal_places=2)
    currency = serializers.SerializerMethodField()
    is_free = serializers.BooleanField()
    audit_allowed = serializers.BooleanField(source="rules.audit_allowed")
    featured = serializers.BooleanField()
    estimated_hours = serializers.DecimalField(max_digits=5, decimal_places=1)
    instructors = serializers.SerializerMethodField()

    def get_url(self, course) -> str:
        return course.get_full_url(self.context.get("request"))

    def get_currency(self, course) -> str:
        return settings.AULA_CURRENCY

    def get_instructors(self, course) -> list[str]:
        return [person.get_display_name() for person in course.instructors.all()]


class OutlineResourceSerializer(serializers.Serializer):
    key = serializers.UUIDField(source="translation_key")
    title = serializers.CharField()
    kind = serializers.CharField()
    requirement = serializers.CharField()
    alternative_group = serializers.CharField()
    free_preview = serializers.BooleanField()
    seconds = serializers.IntegerField()


class OutlineSectionSerializer(serializers.Serializer):
    title = serializers.CharField()
    resources = OutlineResourceSerializer(many=True)


class CourseDetailSerializer(CourseSerializer):
    description = serializers.SerializerMethodField()
    learning_outcomes = serializers.SerializerMethodField()
    requirements = serializers.SerializerMethodField()
    audience = serializers.CharField()
    sections = serializers.SerializerMethodField()

    def get_description(self, course) -> str:
        return expand_db_html(course.description)

    def get_learning_outcomes(self, course) -> list[str]:
        return [str(block.value) for block in course.learning_outcomes]

    def get_requirements(self, course) -> list[str]:
        return [str(block.value) for block in course.requirements]

    @extend_schema_field(OutlineSectionSerializer(many=True))
    def get_sections(self, course):
        return OutlineSectionSerializer(self.context["outline"].sections, many=True).data


# --- Enrollments ---------------------------------------------------------------------------
MODES = [
    (Source.ADMIN, _("Added by staff (any course, paid ones included)")),
    (Source.FREE, _("Free (free courses only)")),
    (Source.AUDIT, _("Audit (paid courses that allow auditing)")),
]


class EnrollmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    learner_id = serializers.IntegerField(source="user_id")
    learner_email = serializers.EmailField(source="user.email")
    course_key = serializers.UUIDField()
    course_title = serializers.SerializerMethodField()
    source = serializers.ChoiceField(choices=Source.choices)
    created_at = serializers.DateTimeField()
    last_activity_at = serializers.DateTimeField(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)

    def get_course_title(self, enrollment) -> str:
        return enrollment.course.title if enrollment.course is not None else ""


class EnrollmentCreateSerializer(serializers.Serializer):
    request_id = serializers.CharField(
        max_length=100,
        help_text=_("Your id for this request: sending the same id again returns the first answer, and does nothing."),
    )
    learner = serializers.CharField(max_length=254, help_text=_("The learner's id or e-mail address."))
    course = serializers.UUIDField(help_text=_("The course's key."))
    mode = serializers.ChoiceField(choices=MODES, default=Source.ADMIN)


class EnrollmentCreatedSerializer(serializers.Serializer):
    created = serializers.BooleanField(help_text=_("False: the learner was already enrolled."))
    enrollment = EnrollmentSerializer()


# --- Progress ------------------------------------------------------------------------------
class CompletionSerializer(serializers.Serializer):
    resource_key = serializers.UUIDField()
    completed_at = serializers.DateTimeField()


class CourseProgressSerializer(serializers.Serializer):
    course_key = serializers.UUIDField()
    course_title = serializers.CharField()
    percent = serializers.IntegerField(min_value=0, max_value=100)
    requirements_met = serializers.IntegerField()
    requirements = serializers.IntegerField()
    completed = serializers.BooleanField()
    completed_at = serializers.DateTimeField(allow_null=True)
    completions = CompletionSerializer(many=True)


class LearnerProgressSerializer(serializers.Serializer):
    learner_id = serializers.IntegerField()
    courses = CourseProgressSerializer(many=True)


# --- Certificates --------------------------------------------------------------------------
class CertificateSerializer(serializers.Serializer):
    """What the public verification page shows, and nothing more personal (no e-mail)."""

    code = serializers.CharField()
    holder_name = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.CharField()
    issued_at = serializers.DateTimeField()
    completed_at = serializers.DateTimeField()
    hours = serializers.DecimalField(max_digits=6, decimal_places=1)
    duration = serializers.CharField()
    issuer = serializers.CharField()
    instructors = serializers.ListField(child=serializers.CharField())
    grade = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    revoked = serializers.BooleanField()
    revoked_at = serializers.DateTimeField(allow_null=True)
    verification_url = serializers.URLField()


# --- Orders --------------------------------------------------------------------------------
MONEY = {"max_digits": 10, "decimal_places": 2}


class OrderLineSerializer(serializers.Serializer):
    kind = serializers.CharField()
    item_key = serializers.UUIDField()
    title = serializers.CharField()
    list_price = serializers.DecimalField(**MONEY)
    discount = serializers.DecimalField(**MONEY)
    amount = serializers.DecimalField(**MONEY)
    refunded_at = serializers.DateTimeField(allow_null=True)


class OrderSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    learner_id = serializers.IntegerField(source="user_id")
    learner_email = serializers.EmailField(source="user.email")
    status = serializers.CharField()
    currency = serializers.CharField()
    subtotal = serializers.DecimalField(**MONEY)
    discount = serializers.DecimalField(**MONEY)
    tax = serializers.DecimalField(**MONEY)
    total = serializers.DecimalField(**MONEY)
    coupon_code = serializers.CharField()
    provider = serializers.CharField()
    created_at = serializers.DateTimeField()
    paid_at = serializers.DateTimeField(allow_null=True)
    refunded_at = serializers.DateTimeField(allow_null=True)
    lines = OrderLineSerializer(many=True)
