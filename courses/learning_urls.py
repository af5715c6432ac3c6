from django.urls import path

from .views import learning as learning_views

urlpatterns = [
    path("<int:page_id>/enroll/", learning_views.enroll, name="course_enroll"),
    path("<int:page_id>/leave/", learning_views.leave, name="course_leave"),
    path("<int:page_id>/completed/", learning_views.completed, name="course_completed"),
    path("<int:page_id>/review/", learning_views.review, name="course_review"),
    path("resource/<int:page_id>/complete/", learning_views.complete, name="resource_complete"),
    path("resource/<int:page_id>/playback/", learning_views.playback, name="resource_playback"),
]
