from django.urls import path

from . import url_converters  # noqa: F401  (the <id:...> converter)
from .views import learning as learning_views

urlpatterns = [
    path("<id:page_id>/enroll/", learning_views.enroll, name="course_enroll"),
    path("<id:page_id>/leave/", learning_views.leave, name="course_leave"),
    path("<id:page_id>/completed/", learning_views.completed, name="course_completed"),
    path("<id:page_id>/review/", learning_views.review, name="course_review"),
    path("resource/<id:page_id>/complete/", learning_views.complete, name="resource_complete"),
    path("resource/<id:page_id>/playback/", learning_views.playback, name="resource_playback"),
]
