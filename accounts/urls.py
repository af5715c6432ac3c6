from django.urls import path

from . import views

urlpatterns = [
    path("profile/", views.profile, name="accounts_profile"),
    path("profile/data/", views.your_data, name="accounts_your_data"),
    path("profile/data/export/", views.request_export, name="accounts_request_export"),
    path("profile/data/export/<str:token>/", views.download_export, name="accounts_data_export_download"),
    path("profile/delete/", views.delete_own_account, name="accounts_delete"),
    path("no-admin-access/", views.no_admin_access, name="no_admin_access"),
    # Before allauth's own (same path and name): confirms at once in the browser that signed up.
    path("confirm-email/<str:key>/", views.confirm_email, name="account_confirm_email"),
]
