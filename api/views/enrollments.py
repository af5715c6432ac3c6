from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response

from .. import enrolling
from ..models import Scope
from ..schema import responses
from ..serializers import EnrollmentCreatedSerializer, EnrollmentCreateSerializer, EnrollmentQuery, EnrollmentSerializer
from .base import ApiView


class EnrollmentList(ApiView):
    required_scopes = {"GET": Scope.ENROLLMENTS_READ, "POST": Scope.ENROLLMENTS_WRITE}
    serializer_class = EnrollmentSerializer
    query_class = EnrollmentQuery

    @extend_schema(
        operation_id="enrollments_list",
        summary="Enrollments, newest first (of one learner, one course, or all)",
        parameters=[EnrollmentQuery],
        responses=responses({200: EnrollmentSerializer(many=True)}, 404),
        tags=["Enrollments"],
    )
    def get(self, request):
        return self.paginated(enrolling.enrollments(self.query()))

    @extend_schema(
        operation_id="enrollments_create",
        summary="Enroll a learner (idempotent: the same request_id returns the first answer)",
        request=EnrollmentCreateSerializer,
        responses=responses(
            {
                201: EnrollmentCreatedSerializer,
                200: OpenApiResponse(
                    EnrollmentCreatedSerializer,
                    description="Already enrolled, or this request_id's first answer again.",
                ),
            },
            404,
            409,
            415,
            422,
        ),
        tags=["Enrollments"],
    )
    def post(self, request):
        form = EnrollmentCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        answer, body, replayed = enrolling.enroll_once(request.auth, form.validated_data, self.locale)
        headers = {"Idempotent-Replayed": "true"} if replayed else {}
        return Response(body, status=answer, headers=headers)


class EnrollmentDetail(ApiView):
    required_scopes = {"GET": Scope.ENROLLMENTS_READ, "DELETE": Scope.ENROLLMENTS_WRITE}
    serializer_class = EnrollmentSerializer

    @extend_schema(
        operation_id="enrollments_retrieve",
        summary="One enrollment",
        responses=responses({200: EnrollmentSerializer}, 404),
        tags=["Enrollments"],
    )
    def get(self, request, pk):
        return Response(EnrollmentSerializer(enrolling.enrollment(pk)).data)

    @extend_schema(
        operation_id="enrollments_end",
        summary="End an enrollment (as staff would: the learner's progress is kept)",
        responses=responses({204: OpenApiResponse(description="Ended.")}, 404),
        tags=["Enrollments"],
    )
    def delete(self, request, pk):
        enrolling.end(pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
