from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("<str:code>/", views.certificate_detail, name="detail"),
    path("<str:code>/pdf/", views.certificate_pdf, name="pdf"),
    path("<str:code>/grade/", views.certificate_grade_visibility, name="grade_visibility"),
]
