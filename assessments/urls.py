from django.urls import path

from . import views

urlpatterns = [
    path("resource/<int:page_id>/evaluation/start/", views.start, name="assessment_start"),
    path("resource/<int:page_id>/evaluation/ask/", views.ask_for_another_attempt, name="assessment_ask"),
    path("attempt/<int:attempt_id>/", views.attempt_page, name="assessment_attempt"),
    path("attempt/<int:attempt_id>/answer/", views.autosave, name="assessment_autosave"),
    path("attempt/<int:attempt_id>/submit/", views.submit, name="assessment_submit"),
    path("attempt/<int:attempt_id>/result/", views.result, name="assessment_result"),
]
