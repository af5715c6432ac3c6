from django.urls import path

from . import url_converters  # noqa: F401  (the <id:...> converter)
from .views import files as views

app_name = "courses"

urlpatterns = [
    path("<id:media_id>/<str:filename>", views.media_file, name="media_file"),
    path("images/<id:image_id>/<str:filename>", views.image_file, name="image_file"),
    path("captions/<id:track_id>/<str:filename>", views.caption_file, name="caption_file"),
    path("slides/<id:page_id>/<slug:fingerprint>.pdf", views.slide_deck_pdf, name="slide_deck_pdf"),
    path("captions/page/<id:page_id>/<id:track_id>.vtt", views.translated_caption_file, name="translated_captions"),
]
