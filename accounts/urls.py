from django.urls import path

from . import views

urlpatterns = [
    path("profile/", views.profile, name="accounts_profile"),
    path("no-admin-access/", views.no_admin_access, name="no_admin_access"),
    # Before allauth's own (same path and name): confirms at once in the browser that signed up.
    path("confirm-email/<str:key>/", views.confirm_email, name="account_confirm_email"),
]
