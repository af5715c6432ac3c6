from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response

from courses.outline import course_outline

from .. import courses
from ..models import Scope
from ..schema import responses
from ..serializers import CatalogQuery, CourseDetailSerializer, CourseSerializer, Query
from .base import ApiView

LANGUAGE = OpenApiParameter(
    "language",
    str,
    description="The answer's language (en, es, pt-br, fr); default: the Accept-Language header, else the site's.",
)


class CourseList(ApiView):
    required_scopes = {"GET": Scope.CATALOG_READ}
    serializer_class = CourseSerializer
    query_class = CatalogQuery

    @extend_schema(
        operation_id="courses_list",
        summary="The catalog: live, public courses, in the requested language",
        parameters=[CatalogQuery, LANGUAGE],
        responses=responses({200: CourseSerializer(many=True)}, 404),
        tags=["Catalog"],
    )
    def get(self, request):
        filters = self.query()
        filters.pop("page", None)
        return self.paginated(courses.catalog(self.locale, filters))


class CourseDetail(ApiView):
    required_scopes = {"GET": Scope.CATALOG_READ}
    serializer_class = CourseDetailSerializer
    query_class = Query

    @extend_schema(
        operation_id="courses_retrieve",
        summary="One course (by its key, the same in every language), with its outline",
        parameters=[LANGUAGE],
        responses=responses({200: CourseDetailSerializer}, 404),
        tags=["Catalog"],
    )
    def get(self, request, key):
        course = courses.course_in(key, self.locale)
        context = {"request": request, "outline": course_outline(course, request)}
        return Response(CourseDetailSerializer(course, context=context).data)
