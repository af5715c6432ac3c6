"""Demo courses for ``manage.py seed_demo``: three courses in three categories (free; paid
with audit; paid), sections and resources using every block type, with real small media
a few seconds of video and audio shipped in ``demo_media/`` (made once with ffmpeg, so a
machine with Python alone gets the full demo), a PDF by WeasyPrint, images by Pillow, WebVTT
captions. Nothing is downloaded. Idempotent: a second run creates nothing.
"""

import io
import logging
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from .blocks import FigureBlock
from .course_collections import ensure_course_collection
from .media_duration import read_duration
from .models import CaptionTrack, Category, CourseIndexPage, CourseMedia, CoursePage, ResourcePage, SectionPage

INSTRUCTOR_EMAIL = "instructor@aula.test"
# Made once with ffmpeg (README, "Demo media"): 6 s of H.264/AAC test pattern, 8 s of MP3 tone.
DEMO_MEDIA = Path(__file__).parent / "demo_media"
DEMO_DURATIONS = {"welcome.mp4": 6, "interview.mp3": 8}
EMBED_URL = "https://www.youtube.com/watch?v=rfscVS0vtbw"

DESCRIPTION = "Each section ends with a short exercise; the first resource is a free preview."
CATEGORIES = [("programming", "Programming"), ("data", "Data"), ("design", "Design")]

VIDEO_VTT_EN = """WEBVTT

00:00:00.000 --> 00:00:02.000
Welcome to the course.

00:00:02.000 --> 00:00:04.000
In this video we set up the tools.

00:00:04.000 --> 00:00:06.000
Let's get started!
"""
VIDEO_VTT_ES = """WEBVTT

00:00:00.000 --> 00:00:02.000
Bienvenido al curso.

00:00:02.000 --> 00:00:04.000
En este vídeo preparamos las herramientas.

00:00:04.000 --> 00:00:06.000
¡Empecemos!
"""
AUDIO_VTT_EN = """WEBVTT

00:00:00.000 --> 00:00:02.500
Hello, and thank you for listening.

00:00:02.500 --> 00:00:05.000
Today we talk about how charts can mislead.

00:00:05.000 --> 00:00:08.000
Always start the axis at zero for bar charts.
"""

PDF_HTML = """<!doctype html><html><head><meta charset="utf-8"><style>
body {{ font-family: sans-serif; margin: 2cm; }} h1 {{ color: #4338ca; }}
</style></head><body><h1>{title}</h1><p>{text}</p>
<ol><li>Read the notes.</li><li>Try the exercises.</li><li>Check your answers.</li></ol></body></html>"""

MARKDOWN = """## Cheat sheet

| Command | What it does |
|---|---|
| `python -m venv .venv` | creates a virtual environment |
| `pip install -r requirements.txt` | installs the dependencies |

Read more in the [official tutorial](https://docs.python.org/3/tutorial/).
"""


class _Seeder:
    def __init__(self, stdout):
        self.stdout = stdout
        self.created = 0

    # --- files --------------------------------------------------------------------
    def media(self, title, kind, filename, source, collection, owner):
        """A CourseMedia from the shipped file ``source`` (in ``demo_media/``), saved as
        ``filename``; its duration is read from the file, as on upload."""
        existing = CourseMedia.objects.filter(title=title).first()
        if existing:
            return existing
        item = CourseMedia(
            title=title, type=kind, collection=collection, uploaded_by_user=owner,
            width=640 if kind == "video" else None, height=360 if kind == "video" else None,
        )  # fmt: skip
        item.file.save(filename, ContentFile((DEMO_MEDIA / source).read_bytes()), save=False)
        item.duration = read_duration(item.file) or DEMO_DURATIONS[source]
        item.save()
        self.created += 1
        return item

    def image(self, title, colour, collection):
        Image = get_image_model()
        existing = Image.objects.filter(title=title).first()
        if existing:
            return existing
        from PIL import Image as PILImage
        from PIL import ImageDraw

        picture = PILImage.new("RGB", (1280, 720), colour)
        draw = ImageDraw.Draw(picture)
        for offset in range(0, 1280, 160):
            draw.ellipse((offset, 420, offset + 320, 740), outline=(255, 255, 255), width=6)
        from PIL import ImageFont

        draw.text((80, 80), title, fill=(255, 255, 255), font=ImageFont.load_default(size=64))
        buffer = io.BytesIO()
        picture.save(buffer, "PNG")
        image = Image(title=title, collection=collection, width=picture.width, height=picture.height)
        image.file.save(f"{title.lower().replace(' ', '-')}.png", ContentFile(buffer.getvalue()), save=False)
        image.width, image.height = picture.size
        image.save()
        self.created += 1
        return image

    def pdf(self, title, text, collection):
        Document = get_document_model()
        existing = Document.objects.filter(title=title).first()
        if existing:
            return existing
        for name in ("weasyprint", "weasyprint.progress", "fontTools"):  # their progress messages are not the demo's
            logging.getLogger(name).setLevel(logging.WARNING)
        from weasyprint import HTML

        data = HTML(string=PDF_HTML.format(title=title, text=text)).write_pdf()
        document = Document(title=title, collection=collection)
        document.file.save(f"{title.lower().replace(' ', '-')}.pdf", ContentFile(data), save=False)
        document._set_document_file_metadata()
        document.save()
        self.created += 1
        return document

    def csv(self, title, collection):
        Document = get_document_model()
        existing = Document.objects.filter(title=title).first()
        if existing:
            return existing
        data = "year,visitors\n2022,1200\n2023,1850\n2024,2600\n2025,3900\n"
        document = Document(title=title, collection=collection)
        document.file.save("visitors.csv", ContentFile(data.encode()), save=False)
        document._set_document_file_metadata()
        document.save()
        self.created += 1
        return document

    def captions(self, title, text, language, label, collection):
        existing = CaptionTrack.objects.filter(title=title).first()
        if existing:
            return existing
        track = CaptionTrack(title=title, language=language, label=label, collection=collection)
        track.file.save(f"{title.lower().replace(' ', '-')}.vtt", ContentFile(text.encode()), save=False)
        track.save()
        self.created += 1
        return track

    def embed(self):
        from wagtail.embeds.embeds import get_embed_hash
        from wagtail.embeds.models import Embed

        # Stored like a fetched oEmbed answer, so neither the demo nor the editor needs the network.
        _, created = Embed.objects.get_or_create(
            hash=get_embed_hash(EMBED_URL),
            defaults={
                "url": EMBED_URL,
                "type": "video",
                "title": "Learn Python - Full Course for Beginners",
                "provider_name": "YouTube",
                "width": 560,
                "height": 315,
                "html": '<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/rfscVS0vtbw" '
                'title="Learn Python - Full Course for Beginners" allowfullscreen></iframe>',
            },
        )
        self.created += created

    # --- pages --------------------------------------------------------------------
    def catalog(self, locale):
        catalog = CourseIndexPage.objects.filter(locale=locale).first()
        if catalog is None:
            home = Page.objects.get(depth=2, locale=locale)  # the language's home page
            catalog = home.add_child(instance=CourseIndexPage(title="Courses", slug="courses", show_in_menus=True))
            self.created += 1
        if not catalog.introduction:
            catalog.introduction = "Video courses by practitioners. Free previews for everyone."
            catalog.save_revision().publish()
        return catalog

    def page(self, parent, instance, owner):
        parent.add_child(instance=instance)
        instance.owner = owner
        instance.save_revision(user=owner).publish()
        self.created += 1
        return instance


@transaction.atomic
def seed(stdout):
    return _seed(_Seeder(stdout))


INSTRUCTOR_BIO = "Iris has taught programming and design for ten years, in classrooms and online."


def _seed(s):
    locale = Locale.get_default()
    instructor = get_user_model().objects.filter(email=INSTRUCTOR_EMAIL).first()
    if instructor is not None and not instructor.bio:
        instructor.bio = INSTRUCTOR_BIO
        instructor.save(update_fields=["bio"])
    catalog = s.catalog(locale)
    categories = {}
    for slug, name in CATEGORIES:
        categories[slug], created = Category.objects.get_or_create(slug=slug, locale=locale, defaults={"name": name})
        s.created += created
    s.embed()

    specs = [
        {
            "slug": "python-from-scratch",
            "title": "Python from scratch",
            "summary": "Write your first programs in Python: variables, loops, functions and files.",
            "category": "programming", "level": "beginner", "price": Decimal("0"),
            "audit": False, "featured": True, "hours": Decimal("6"), "colour": (67, 56, 202),
            "outcomes": ["Write and run small Python programs", "Use variables, loops and functions",
                         "Read and write files"],
            "requirements": ["A computer with Python 3 installed"],
            "audience": "Complete beginners who want to automate small tasks.",
        },
        {
            "slug": "data-visualisation",
            "title": "Data visualisation that tells the truth",
            "summary": "Charts that inform instead of mislead, from the first sketch to publication.",
            "category": "data", "level": "intermediate", "price": Decimal("49.00"),
            "audit": True, "featured": False, "hours": Decimal("8.5"), "colour": (11, 93, 122),
            "outcomes": ["Choose the right chart for your data", "Spot misleading axes and scales",
                         "Publish charts people understand"],
            "requirements": ["A spreadsheet program", "Basic arithmetic"],
            "audience": "Analysts, journalists and students who present data.",
        },
        {
            "slug": "interface-design",
            "title": "Interface design fundamentals",
            "summary": "Layout, typography and colour for interfaces people enjoy using.",
            "category": "design", "level": "advanced", "price": Decimal("79.00"),
            "audit": False, "featured": False, "hours": Decimal("10"), "colour": (180, 83, 9),
            "outcomes": ["Lay out screens on a grid", "Pair typefaces with confidence",
                         "Build accessible colour palettes"],
            "requirements": ["Some experience with a design tool"],
            "audience": "Developers and designers who build interfaces.",
        },
    ]  # fmt: skip
    for spec in specs:
        if CoursePage.objects.filter(slug=spec["slug"]).exists():
            continue
        _seed_course(s, catalog, spec, categories[spec["category"]], instructor)
    # Spanish now (the certificates demo issues a Spanish certificate of it); the pages other
    # apps add reach it as drafts, translated by seed_translations.
    _seed_translation(s, "es", SPANISH, everything=True)
    _seed_catalog_translations(s, catalog)  # the other languages' catalogs, in every menu
    _seed_learning(s)
    return s.created


CATALOG_TITLES = {"es": "Cursos", "pt-br": "Cursos", "fr": "Cours"}


def _seed_catalog_translations(s, catalog):
    """Every language's site has the catalog in its menu; it lists every course (those not
    yet translated in their own language)."""
    for home in Page.objects.filter(depth=2).exclude(locale=catalog.locale).select_related("locale"):
        if catalog.get_translation_or_none(home.locale) is not None:
            continue
        translated = catalog.copy_for_translation(home.locale)
        translated.title = CATALOG_TITLES.get(home.locale.language_code, catalog.title)
        translated.save_revision().publish()
        s.created += 1


def _data(text):
    """A string as wagtail-localize stores it (line breaks as <br/>)."""
    return text.replace("\n", "<br/>")


# Every text of the free course, in Spanish (the course is fully translated with
# wagtail-localize: seed_translations), and the first section in French (the rest of the
# course stays in English there, with a notice).
SPANISH = {
    "Courses": "Cursos",
    "cover": "portada",  # the text in the cover and poster images
    "poster": "póster",
    "Video courses by practitioners. Free previews for everyone.": (
        "Cursos en vídeo impartidos por profesionales. Vistas previas gratuitas para todos."
    ),
    "Programming": "Programación",
    "Data": "Datos",
    "Design": "Diseño",
    "Python from scratch": "Python desde cero",
    # the landing page
    "Write and run small Python programs": "Escribir y ejecutar programas pequeños en Python",
    "Use variables, loops and functions": "Usar variables, bucles y funciones",
    "Read and write files": "Leer y escribir archivos",
    "A computer with Python 3 installed": "Un ordenador con Python 3 instalado",
    "Complete beginners who want to automate small tasks.": (
        "Principiantes absolutos que quieren automatizar tareas pequeñas."
    ),
    "Write your first programs in Python: variables, loops, functions and files.": (
        "Escribe tus primeros programas en Python: variables, bucles, funciones y archivos."
    ),
    DESCRIPTION: "Cada sección termina con un ejercicio corto; el primer recurso es una vista previa gratuita.",
    "Getting started": "Primeros pasos",
    "What you need and how this course works.": "Qué necesitas y cómo funciona este curso.",
    "Welcome": "Bienvenida",
    "Welcome to the course": "Bienvenida al curso",
    "Welcome to the course.": "Bienvenido al curso.",
    "In this video we set up the tools.": "En este vídeo preparamos las herramientas.",
    "Let's get started!": "¡Empecemos!",
    "How this course works": "Cómo funciona este curso",
    # the slides
    "The course in slides": "El curso en diapositivas",
    "Introduce yourself and the course.": "Preséntate y presenta el curso.",
    "In each section": "En cada sección",
    "A short video": "Un vídeo corto",
    "A reading": "Una lectura",
    "An exercise": "Un ejercicio",
    "Show where the exercises are.": "Enseña dónde están los ejercicios.",
    "Your certificate": "Tu certificado",
    "Complete the required resources to earn it.": "Completa los recursos obligatorios para obtenerlo.",
    "Watch, read, then practise.": "Mira, lee y después practica.",
    "Course handout": "Apuntes del curso",
    "Exercise data (CSV)": "Datos de los ejercicios (CSV)",
    "Used in section 2.": "Se usan en la sección 2.",
    "Setting up": "Preparar el entorno",
    _data(MARKDOWN): _data(
        "## Chuleta\n\n| Orden | Qué hace |\n|---|---|\n"
        "| `python -m venv .venv` | crea un entorno virtual |\n"
        "| `pip install -r requirements.txt` | instala las dependencias |\n\n"
        "Aprende más en el [tutorial oficial](https://docs.python.org/es/3/tutorial/).\n"
    ),
    "The Python documentation": "La documentación de Python",
    "The official reference.": "La referencia oficial.",
    "Going further": "Para ir más lejos",
    "Practice with real examples.": "Practica con ejemplos reales.",
    "An interview with a practitioner": "Entrevista con una profesional",
    "Interview": "Entrevista",
    "Hello, and thank you for listening.": "Hola, y gracias por escuchar.",
    "Today we talk about how charts can mislead.": "Hoy hablamos de cómo pueden engañar los gráficos.",
    "Always start the axis at zero for bar charts.": "En los gráficos de barras, empieza siempre el eje en cero.",
    "Watch: a full walkthrough": "Vídeo: un recorrido completo",
    "Read: the walkthrough, illustrated": "Lectura: el recorrido, ilustrado",
    "A sample chart": "Un gráfico de ejemplo",
    "A chart from the walkthrough.": "Un gráfico del recorrido.",
    "The same walkthrough, as an illustrated text.": "El mismo recorrido, como texto ilustrado.",
    "Check your understanding": "Comprueba lo que has aprendido",
    "Check your understanding: Python basics": "Comprueba lo que has aprendido: lo básico de Python",
    "Answer every question. You can come back: your answers are saved as you go.": (
        "Responde a todas las preguntas. Puedes volver más tarde: tus respuestas se guardan sobre la marcha."
    ),
    "Which planet is closest to the Sun?": "¿Qué planeta está más cerca del Sol?",
    "Mercury orbits closest to the Sun.": "Mercurio es el planeta que orbita más cerca del Sol.",
    "Mercury": "Mercurio",
    "Venus": "Venus",
    "Which of these are prime numbers?": "¿Cuáles de estos son números primos?",
    "2 and 3 are prime; 4 is 2 × 2.": "2 y 3 son primos; 4 es 2 × 2.",
    "2": "2",
    "3": "3",
    "4": "4",
    "Water boils at 100 °C at sea level.": "El agua hierve a 100 °C al nivel del mar.",
    "What is the capital of France?": "¿Cuál es la capital de Francia?",
    "Paris": "París",
    "What is π to two decimals?": "¿Cuánto vale π con dos decimales?",
    "Explain photosynthesis in a few sentences.": "Explica la fotosíntesis en unas pocas frases.",
}
FRENCH = {
    "Courses": "Cours",
    "Video courses by practitioners. Free previews for everyone.": (
        "Des cours en vidéo par des praticiens. Des aperçus gratuits pour tous."
    ),
    "Programming": "Programmation",
    "Python from scratch": "Python à partir de zéro",
    "Write and run small Python programs": "Écrire et exécuter de petits programmes en Python",
    "Use variables, loops and functions": "Utiliser des variables, des boucles et des fonctions",
    "Read and write files": "Lire et écrire des fichiers",
    "A computer with Python 3 installed": "Un ordinateur avec Python 3 installé",
    "Complete beginners who want to automate small tasks.": (
        "Des débutants complets qui veulent automatiser de petites tâches."
    ),
    "Write your first programs in Python: variables, loops, functions and files.": (
        "Écrivez vos premiers programmes en Python : variables, boucles, fonctions et fichiers."
    ),
    DESCRIPTION: "Chaque section se termine par un court exercice ; la première ressource est un aperçu gratuit.",
    "Getting started": "Premiers pas",
    "What you need and how this course works.": "Ce qu'il vous faut et comment fonctionne ce cours.",
    "Welcome": "Bienvenue",
    "Welcome to the course": "Bienvenue dans le cours",
    "Welcome to the course.": "Bienvenue dans le cours.",
    "In this video we set up the tools.": "Dans cette vidéo, nous installons les outils.",
    "Let's get started!": "C'est parti !",
    "How this course works": "Comment fonctionne ce cours",
    "Watch, read, then practise.": "Regardez, lisez, puis pratiquez.",
}
# The pages translated into French (the rest of the course is published in French with its
# English texts: "Parts of this page are not translated…").
FREE_COURSE_SLUG = "python-from-scratch"
FRENCH_PAGES = ("courses", FREE_COURSE_SLUG, "getting-started", "welcome")


def seed_translations(stdout):
    """After every app's demo (the evaluation is the assessments app's): the free course
    translated with wagtail-localize — completely into Spanish (captions, evaluation,
    cover image with Spanish text), its first section into French."""
    seeder = _Seeder(stdout)
    _seed_translation(seeder, "es", SPANISH, everything=True)
    _seed_translation(seeder, "fr", FRENCH, everything=False)
    return seeder.created


def _seed_translation(s, code, texts, everything):
    from core.translations import fill_translation, translation_of

    locale, created = Locale.objects.get_or_create(language_code=code)
    s.created += created
    course = CoursePage.objects.filter(slug=FREE_COURSE_SLUG, locale=Locale.get_default()).first()
    if course is None:
        return
    catalog = course.get_parent().specific
    overrides = {}
    if everything:  # images with text in them get this language's version
        colour, collection = (67, 56, 202), course.collection
        for field, image in (("cover_image", course.cover_image), ("poster", _poster_of(course))):
            if image is not None:
                title = f"{texts[course.title]} · {texts[image.title.rsplit(' ', 1)[-1]]}"
                overrides[field] = {image.pk: s.image(title, colour, collection).pk}
    for category in Category.objects.filter(locale=Locale.get_default()):
        translated = category.get_translation_or_none(locale)
        if translated is None or translation_of(translated) is None:
            if translated is not None:  # a copy from an older demo: translated again with wagtail-localize
                translated.delete()
            fill_translation(category, locale, texts)
            s.created += 1
    for page in [catalog, course, *course.get_descendants().order_by("path").specific()]:
        translated = page.get_translation_or_none(locale)
        if translated is not None and translated.live and translation_of(translated) is not None:
            continue
        page_texts = texts if everything or page.slug in FRENCH_PAGES else {}
        fill_translation(page, locale, page_texts, overrides=overrides)
        s.created += 1


def _poster_of(course):
    for resource in ResourcePage.objects.descendant_of(course).live():
        for block in resource.body:
            if block.block_type == "video" and block.value.get("poster"):
                return block.value["poster"]
    return None


def _seed_learning(s):
    """The demo student is enrolled in the free course, has started it and reviewed it."""
    from .learning.enrollment import Source, enroll
    from .models import Completion, Review

    student = get_user_model().objects.filter(email="student@aula.test").first()
    course = CoursePage.objects.filter(slug="python-from-scratch", locale=Locale.get_default()).first()
    if student is None or course is None:
        return
    _enrollment, created = enroll(student, course, Source.FREE)
    s.created += created
    handout = ResourcePage.objects.descendant_of(course).filter(title="Course handout").first()
    if handout is not None:
        _done, created = Completion.objects.get_or_create(
            user=student, resource_key=handout.translation_key, defaults={"course_key": course.translation_key}
        )
        s.created += created
    _review, created = Review.objects.get_or_create(
        user=student,
        course_key=course.translation_key,
        defaults={"course": course, "rating": 5, "comment": "Clear, friendly and well paced."},
    )
    s.created += created


def _seed_course(s, catalog, spec, category, instructor):
    course = CoursePage(
        title=spec["title"], slug=spec["slug"], summary=spec["summary"],
        description=f"<p>{spec['summary']}</p><p>{DESCRIPTION}</p>",
        category=category, level=spec["level"], language="en", price=spec["price"],
        audit_allowed=spec["audit"], featured=spec["featured"], estimated_hours=spec["hours"],
        learning_outcomes=[("item", text) for text in spec["outcomes"]],
        requirements=[("item", text) for text in spec["requirements"]], audience=spec["audience"],
    )  # fmt: skip
    course.collection = ensure_course_collection(course)
    collection = course.collection
    course.cover_image = s.image(f"{spec['title']} cover", spec["colour"], collection)
    video = s.media(f"{spec['title']}: welcome", "video", f"{spec['slug']}-welcome.mp4", "welcome.mp4",
                    collection, instructor)  # fmt: skip
    audio = s.media(f"{spec['title']}: interview", "audio", f"{spec['slug']}-interview.mp3", "interview.mp3",
                    collection, instructor)  # fmt: skip
    course.intro_video = video
    s.page(catalog, course, instructor)
    if instructor is not None:
        course.instructors.add(instructor)
        course.save_revision(user=instructor).publish()

    en = s.captions(f"{spec['title']} welcome (English)", VIDEO_VTT_EN, "en", "English", collection)
    es = s.captions(f"{spec['title']} welcome (Spanish)", VIDEO_VTT_ES, "es", "Español", collection)
    audio_en = s.captions(f"{spec['title']} interview (English)", AUDIO_VTT_EN, "en", "English", collection)
    handout = s.pdf(f"{spec['title']} handout", spec["summary"], collection)
    data = s.csv(f"{spec['title']} data", collection)
    poster = s.image(f"{spec['title']} poster", spec["colour"], collection)

    def video_block(title):
        if video is None:
            return ("rich_text", f"<p>{title}</p>")
        return ("video", {"title": title, "video": video, "poster": poster, "captions": [en, es]})

    def audio_block(title):
        if audio is None:
            return ("rich_text", f"<p>{title}</p>")
        return ("audio", {"title": title, "audio": audio, "captions": [audio_en], "show_transcript": True})

    sections = [
        ("Getting started", "What you need and how this course works.", [
            ("Welcome", True, "required", "", 6, [
                video_block("Welcome to the course"),
                ("rich_text", "<h2>How this course works</h2><p>Watch, read, then practise.</p>"),
            ]),
            ("The course in slides", False, "optional", "", 5, [
                ("slides", {"title": "The course in slides", "slides": [
                    {"text": "<h2>How this course works</h2><p>Watch, read, then practise.</p>", "image": None,
                     "image_alt": "", "notes": "Introduce yourself and the course."},
                    {"text": "<h2>In each section</h2><ul><li>A short video</li><li>A reading</li>"
                             "<li>An exercise</li></ul>", "image": poster,
                     "image_alt": "A sample chart", "notes": "Show where the exercises are."},
                    {"text": "<h2>Your certificate</h2><p>Complete the required resources to earn it.</p>",
                     "image": None, "image_alt": "", "notes": ""},
                ]}),
            ]),
            ("Course handout", False, "required", "", 10, [
                ("pdf", {"title": "Course handout", "document": handout}),
                ("file", {"document": data, "label": "Exercise data (CSV)", "description": "Used in section 2."}),
            ]),
            ("Setting up", False, "optional", "", 15, [
                ("markdown", MARKDOWN),
                ("external_link", {"url": "https://docs.python.org/3/", "label": "The Python documentation",
                                   "description": "The official reference.", "open_in_new_tab": True}),
            ]),
        ]),
        ("Going further", "Practice with real examples.", [
            ("An interview with a practitioner", False, "required", "", 8, [
                audio_block("Interview"),
            ]),
            ("Watch: a full walkthrough", False, "alternative", "walkthrough", 30, [
                ("embed", EMBED_URL),
            ]),
            ("Read: the walkthrough, illustrated", False, "alternative", "walkthrough", 20, [
                ("image", FigureBlock().to_python({
                    "image": {"image": poster.pk, "alt_text": "A sample chart", "decorative": False},
                    "caption": "A chart from the walkthrough.",
                })),
                ("rich_text", "<p>The same walkthrough, as an illustrated text.</p>"),
            ]),
        ]),
    ]  # fmt: skip
    for title, intro, resources in sections:
        section = s.page(course, SectionPage(title=title, introduction=intro), instructor)
        for r_title, free, requirement, group, minutes, body in resources:
            resource = ResourcePage(
                title=r_title, free_preview=free, requirement=requirement, alternative_group=group,
                estimated_minutes=minutes,
            )  # fmt: skip
            resource.body = body
            s.page(section, resource, instructor)
