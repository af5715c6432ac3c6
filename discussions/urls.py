from django.urls import path

from . import views

app_name = "discussions"

urlpatterns = [
    path("<int:pk>/post/", views.post_question, name="post"),
    path("<int:pk>/lock/", views.lock, name="lock"),
    path("<int:pk>/unlock/", views.unlock, name="unlock"),
    path("post/<int:pk>/reply/", views.reply, name="reply"),
    path("post/<int:pk>/edit/", views.edit, name="edit"),
    path("post/<int:pk>/flag/", views.flag, name="flag"),
    path("post/<int:pk>/approve/", views.approve, name="approve"),
    path("post/<int:pk>/hide/", views.hide, name="hide"),
    path("post/<int:pk>/unhide/", views.unhide, name="unhide"),
]
