"""``/api/v1/…``: outside ``i18n_patterns`` (the language is a parameter or a header)."""

from django.urls import path, re_path

from core.transactions import atomic_unless_reading
from courses import url_converters  # noqa: F401  (the <id:...> converter)

from .views import catalog, docs, enrollments, learners, orders

app_name = "api"


def view(cls):
    return atomic_unless_reading(cls.as_view())


urlpatterns = [
    path("v1/schema/", docs.Schema.as_view(api_version="v1"), name="schema"),
    path("v1/docs/", docs.SwaggerUI.as_view(url_name="api:schema"), name="docs"),
    path("v1/courses/", view(catalog.CourseList), name="courses"),
    path("v1/courses/<uuid:key>/", view(catalog.CourseDetail), name="course"),
    path("v1/enrollments/", view(enrollments.EnrollmentList), name="enrollments"),
    path("v1/enrollments/<id:pk>/", view(enrollments.EnrollmentDetail), name="enrollment"),
    path("v1/learners/<str:learner>/progress/", view(learners.LearnerProgress), name="learner_progress"),
    path("v1/learners/<str:learner>/certificates/", view(learners.LearnerCertificates), name="learner_certificates"),
    path("v1/certificates/<str:code>/", view(learners.CertificateDetail), name="certificate"),
    path("v1/orders/", view(orders.OrderList), name="orders"),
    path("v1/orders/<id:pk>/", view(orders.OrderDetail), name="order"),
    # [\s\S]: a path holding a newline is an unknown address too (".", without DOTALL, stops there).
    re_path(r"^[\s\S]*$", docs.not_found),
]
