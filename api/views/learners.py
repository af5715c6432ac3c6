from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response

from .. import progress, verification
from ..learners import learner_from
from ..models import Scope
from ..schema import responses
from ..serializers import CertificateSerializer, LearnerProgressSerializer, ProgressQuery, Query
from .base import ApiView

LEARNER = OpenApiParameter("learner", str, OpenApiParameter.PATH, description="The learner's id or e-mail address.")


class LearnerProgress(ApiView):
    required_scopes = {"GET": Scope.PROGRESS_READ}
    serializer_class = LearnerProgressSerializer
    query_class = ProgressQuery

    @extend_schema(
        operation_id="learner_progress",
        summary="A learner's progress and completions in each course they are enrolled in",
        parameters=[LEARNER, ProgressQuery],
        responses=responses({200: LearnerProgressSerializer}, 404),
        tags=["Progress"],
    )
    def get(self, request, learner):
        course = self.query().get("course")
        report = progress.learner_progress(learner_from(learner), self.locale, course)
        return Response(LearnerProgressSerializer(report).data)


class LearnerCertificates(ApiView):
    required_scopes = {"GET": Scope.CERTIFICATES_READ}
    serializer_class = CertificateSerializer
    query_class = Query

    @extend_schema(
        operation_id="learner_certificates",
        summary="A learner's certificates (verification data)",
        parameters=[LEARNER, Query],
        responses=responses({200: CertificateSerializer(many=True)}, 404),
        tags=["Certificates"],
    )
    def get(self, request, learner):
        self.query()
        return self.paginated(verification.certificates_of(learner_from(learner)))


class CertificateDetail(ApiView):
    required_scopes = {"GET": Scope.CERTIFICATES_READ}
    serializer_class = CertificateSerializer

    @extend_schema(
        operation_id="certificates_retrieve",
        summary="Verify a certificate by its code: what the public verification page shows",
        responses=responses({200: CertificateSerializer}, 404),
        tags=["Certificates"],
    )
    def get(self, request, code):
        return Response(CertificateSerializer(verification.certificate(code)).data)
