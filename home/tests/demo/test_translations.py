"""The demo's free course is translated with wagtail-localize: completely into Spanish
(captions and evaluation included, nothing left in English, the same order), its first
section into French (the rest shown in English with a notice)."""

import shutil

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale

from courses.models import CoursePage
from home.translators import translation_of, untranslated_strings_remain

pytestmark = [
    pytest.mark.skipif(not shutil.which("ffmpeg"), reason="the demo makes its video and audio with ffmpeg"),
]


def test_the_demo_course_in_spanish_and_partly_in_french(client):
    course = CoursePage.objects.get(slug="python-from-scratch", locale=Locale.get_default())
    english = [course.get_parent(), course, *course.get_descendants().order_by("path")]
    for code, complete in (("es", True), ("fr", False)):
        locale = Locale.objects.get(language_code=code)
        versions = [page.get_translation(locale).specific for page in english]
        assert all(v.live and translation_of(v) is not None for v in versions)
        # the same order (menus, outline, previous/next) in every language
        translated_tree = versions[1].get_descendants().order_by("path")
        assert [p.translation_key for p in translated_tree] == [p.translation_key for p in english[2:]]
        remaining = [v.title for v in versions if untranslated_strings_remain(v)]
        assert (remaining == []) if complete else (len(remaining) == 8)
    spanish = course.get_translation(Locale.objects.get(language_code="es")).specific
    assert spanish.category.name == "Programación"
    assert spanish.cover_image_id != course.cover_image_id  # its text is Spanish
    catalog = client.get("/es/courses/").content.decode()
    assert "Python desde cero" in catalog and "Cursos en vídeo" in catalog and "Python from scratch" not in catalog
    audio = spanish.get_descendants().get(slug="an-interview-with-a-practitioner").specific
    client.force_login(get_user_model().objects.get(email="student@aula.test"))  # enrolled
    html = client.get(audio.url).content.decode()
    assert 'srclang="es" label="Español" default' in html and "Hola, y gracias por escuchar." in html
    french = course.get_translation(Locale.objects.get(language_code="fr"))
    assert "data-aula-untranslated" not in client.get(french.url).content.decode()
    handout = french.get_descendants().get(slug="course-handout")
    assert "Des parties de cette page" in client.get(handout.url).content.decode()  # partly translated
