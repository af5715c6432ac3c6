from django.urls import path

from . import views

urlpatterns = [
    path("profile/", views.profile, name="accounts_profile"),
    path("no-admin-access/", views.no_admin_access, name="no_admin_access"),
]
