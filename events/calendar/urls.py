"""The calendar's addresses outside the language prefix (lms_site/urls.py includes them at
``calendar/``): feeds are fetched by calendar applications, whose address must not change
with the language the user reads the site in."""

from django.urls import path, register_converter

from core.transactions import atomic_unless_reading

from . import views


class KindConverter:
    regex = "[a-z_]{1,40}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(KindConverter, "calendar_kind")

urlpatterns = [
    path("feed/rotate/", views.rotate_feed, name="calendar_rotate_feed"),
    path("feed/<str:token>.ics", atomic_unless_reading(views.personal_feed), name="calendar_personal_feed"),
    path("<str:lang>/master-classes.ics", views.public_feed, name="calendar_public_feed"),
    path("event/<calendar_kind:kind>/<str:key>.ics", views.event_ics, name="calendar_event_ics"),
    path("open/<uuid:key>/", views.open_resource, name="calendar_open_resource"),
]
