from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("master-classes/<int:page_id>/register/", views.register, name="register"),
    path("registrations/<uuid:registration_key>/cancel/", views.cancel, name="cancel"),
    path("time-zone/", views.detect_time_zone, name="detect_time_zone"),
]
