from django.urls import path

from .views import files as views

app_name = "courses"

urlpatterns = [
    path("<int:media_id>/<str:filename>", views.media_file, name="media_file"),
    path("images/<int:image_id>/<str:filename>", views.image_file, name="image_file"),
    path("captions/<int:track_id>/<str:filename>", views.caption_file, name="caption_file"),
    path("captions/page/<int:page_id>/<int:track_id>.vtt", views.translated_caption_file, name="translated_captions"),
]
