"""Private messages, announcements' dismissal and the contact form (inside the language
prefix: ``lms_site/urls.py`` includes them at the root)."""

from django.urls import include, path

import courses.url_converters  # noqa: F401 (registers <id:…>)

from . import views

message_patterns = (
    [
        path("", views.inbox, name="inbox"),
        path("new/", views.new_thread, name="new"),
        path("<id:pk>/", views.thread, name="thread"),
        path("<id:pk>/reply/", views.reply, name="reply"),
        path("<id:pk>/answered/", views.mark_answered, name="answered"),
        path("<id:pk>/close/", views.close, name="close"),
        path("message/<id:pk>/report/", views.report, name="report"),
        path("message/<id:pk>/attachment/", views.attachment, name="attachment"),
    ],
    "messages",
)

urlpatterns = [
    path("messages/", include(message_patterns)),
    path("announcements/<id:pk>/dismiss/", views.dismiss_announcement, name="dismiss_announcement"),
    path("contact/", views.contact_form, name="contact"),
]
