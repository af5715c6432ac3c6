"""Demo blog (called by ``manage.py seed_demo``; idempotent): a blog in every language, two
authors (the demo instructor and editor), two categories, four English posts with tags and
covers — two of them translated into Spanish with wagtail-localize — comments on one (one
approved, one from a new account awaiting approval), and a "Latest posts" block on every
language's home page."""

import io
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from .models import BlogAuthor, BlogCategory, BlogIndexPage, BlogPage

BLOG_TITLES = {"en": "Blog", "es": "Blog", "pt-br": "Blog", "fr": "Blog"}
BLOG_INTRODUCTION = "News, teaching notes and stories from the people behind the courses."
LATEST_HEADINGS = {"en": "From the blog", "es": "Del blog", "pt-br": "Do blog", "fr": "Du blog"}

AUTHORS = [
    # (name, user e-mail, bio, colour)
    (
        "Iris Instructor",
        "instructor@aula.test",
        "Iris has taught programming and design for ten years, in classrooms and online.",
        (67, 56, 202),
    ),
    ("Eda Editor", "editor@aula.test", "Eda edits the blog and looks after the site's content.", (11, 93, 122)),
]
CATEGORIES = [("teaching", "Teaching"), ("news", "News")]

POSTS = [
    {
        "slug": "captions-for-everyone",
        "title": "Captions for everyone",
        "excerpt": "Why every video and audio lesson on Aula has captions, and how to write good ones.",
        "author": "Iris Instructor",
        "category": "teaching",
        "tags": ["accessibility", "video"],
        "days_ago": 2,
        "colour": (67, 56, 202),
        "cover_alt": "A purple banner with the words Captions for everyone.",
        "paragraphs": [
            "Captions help people who cannot hear the audio, people in a noisy train and people who learn "
            "in a second language. On Aula every video and audio block takes WebVTT captions in several languages.",
            "Write captions as people speak, in short lines, and time them to the speech. Read them aloud once: "
            "if they are hard to follow, they are too long.",
        ],
        "quote": ("Accessibility is not a feature, it is a property of good work.", "A wise editor"),
    },
    {
        "slug": "first-python-program",
        "title": "Your first Python program in five minutes",
        "excerpt": "A tiny program that greets you by name, and what each line does.",
        "author": "Iris Instructor",
        "category": "teaching",
        "tags": ["python", "learning"],
        "days_ago": 5,
        "colour": (180, 83, 9),
        "cover_alt": "An orange banner with the words Your first Python program.",
        "paragraphs": [
            "Install Python 3, open a text editor and type the three lines below. Save them as hello.py and run "
            "python hello.py in a terminal.",
        ],
        "code": 'name = input("What is your name? ")\nprint(f"Hello, {name}!")\nprint("Welcome to Python.")',
    },
    {
        "slug": "aula-speaks-four-languages",
        "title": "Aula speaks four languages",
        "excerpt": "Courses, the blog and the whole site now come in English, Spanish, Portuguese and French.",
        "author": "Eda Editor",
        "category": "news",
        "tags": ["learning"],
        "days_ago": 9,
        "colour": (11, 93, 122),
        "cover_alt": "",
        "paragraphs": [
            "Translators translate whole courses, captions included, and students keep one enrollment "
            "whatever language they learn in.",
        ],
    },
    {
        "slug": "learning-with-video",
        "title": "Learning with video: five habits that help",
        "excerpt": "Pause, rewind, take notes, change the speed, and come back tomorrow.",
        "author": "Eda Editor",
        "category": "teaching",
        "tags": ["video", "learning"],
        "days_ago": 14,
        "colour": (21, 128, 61),
        "cover_alt": "A green banner with the words Learning with video.",
        "paragraphs": [
            "Video lessons work best when you treat them like a conversation: pause to think, rewind what you "
            "missed and slow the speed down for the hard parts.",
            "Take notes by hand, then try the exercise before the next lesson. Coming back the next day helps "
            "you remember far more than watching twice in a row.",
        ],
    },
]

# The Spanish translations of two posts (every string of theirs; wagtail-localize keeps the rest).
SPANISH = {
    "Blog": "Blog",
    BLOG_INTRODUCTION: "Noticias, notas de enseñanza e historias de las personas detrás de los cursos.",
    "Teaching": "Enseñanza",
    "News": "Novedades",
    "Captions for everyone": "Subtítulos para todos",
    "Why every video and audio lesson on Aula has captions, and how to write good ones.": (
        "Por qué cada lección en vídeo y audio de Aula tiene subtítulos, y cómo escribir buenos subtítulos."
    ),
    "A purple banner with the words Captions for everyone.": "Un banner morado con las palabras Subtítulos para todos.",
    POSTS[0]["paragraphs"][0]: (
        "Los subtítulos ayudan a quien no puede oír el audio, a quien viaja en un tren ruidoso y a quien aprende "
        "en otro idioma. En Aula cada bloque de vídeo y audio admite subtítulos WebVTT en varios idiomas."
    ),
    POSTS[0]["paragraphs"][1]: (
        "Escribe los subtítulos como habla la gente, en líneas cortas, sincronizados con la voz. Léelos en voz "
        "alta una vez: si cuesta seguirlos, son demasiado largos."
    ),
    "Accessibility is not a feature, it is a property of good work.": (
        "La accesibilidad no es una función: es una cualidad del buen trabajo."
    ),
    "A wise editor": "Una editora sabia",
    "Your first Python program in five minutes": "Tu primer programa en Python en cinco minutos",
    "A tiny program that greets you by name, and what each line does.": (
        "Un programa diminuto que te saluda por tu nombre, y qué hace cada línea."
    ),
    "An orange banner with the words Your first Python program.": (
        "Un banner naranja con las palabras Tu primer programa en Python."
    ),
    POSTS[1]["paragraphs"][0]: (
        "Instala Python 3, abre un editor de texto y escribe las tres líneas de abajo. Guárdalas como hello.py "
        "y ejecuta python hello.py en una terminal."
    ),
}
TRANSLATED_SLUGS = ["captions-for-everyone", "first-python-program"]

NEWCOMER = ("newcomer@aula.test", "Nia Newcomer")
APPROVED_COMMENT = "Thank you! I never thought about captions helping people who learn in a second language."
HELD_COMMENT = "Great post. Do captions work in the audio lessons too?"


class _Seeder:
    def __init__(self, stdout):
        self.stdout = stdout
        self.created = 0

    def image(self, title, colour):
        Image = get_image_model()
        existing = Image.objects.filter(title=title).first()
        if existing:
            return existing
        from PIL import Image as PILImage
        from PIL import ImageDraw, ImageFont

        picture = PILImage.new("RGB", (1200, 630), colour)
        draw = ImageDraw.Draw(picture)
        for offset in range(0, 1200, 150):
            draw.rectangle((offset, 470, offset + 90, 560), outline=(255, 255, 255), width=6)
        draw.text((70, 80), title, fill=(255, 255, 255), font=ImageFont.load_default(size=56))
        buffer = io.BytesIO()
        picture.save(buffer, "PNG")
        image = Image(title=title, width=picture.width, height=picture.height)
        image.file.save(f"blog-{title.lower().replace(' ', '-')[:40]}.png", ContentFile(buffer.getvalue()), save=False)
        image.width, image.height = picture.size
        image.save()
        self.created += 1
        return image


@transaction.atomic
def seed(stdout):
    s = _Seeder(stdout)
    source = Locale.get_default()
    blog = _blog(s, source)
    authors = _authors(s)
    categories = {}
    for slug, name in CATEGORIES:
        categories[slug], created = BlogCategory.objects.get_or_create(
            slug=slug, locale=source, defaults={"name": name}
        )
        s.created += created
    for spec in POSTS:
        if not BlogPage.objects.filter(slug=spec["slug"], locale=source).exists():
            _post(s, blog, spec, authors[spec["author"]], categories[spec["category"]])
    _comments(s)
    return s.created


def seed_translations(stdout):
    """The Spanish blog and two of its posts, translated with wagtail-localize; the other
    languages' blogs (copies, in every menu); the "Latest posts" block on every home page."""
    s = _Seeder(stdout)
    _translate(s)
    _home_blocks(s)
    return s.created


def _blog(s, locale):
    blog = BlogIndexPage.objects.filter(locale=locale).first()
    if blog is None:
        home = Page.objects.get(depth=2, locale=locale)
        blog = home.add_child(instance=BlogIndexPage(title="Blog", slug="blog", show_in_menus=True))
        s.created += 1
    if not blog.introduction:
        blog.introduction = BLOG_INTRODUCTION
        blog.save_revision().publish()
    return blog


def _authors(s):
    User = get_user_model()
    authors = {}
    for name, email, bio, colour in AUTHORS:
        author = BlogAuthor.objects.filter(name=name).first()
        if author is None:
            author = BlogAuthor.objects.create(
                name=name,
                bio=bio,
                user=User.objects.filter(email=email).first(),
                photo=s.image(f"Portrait {name}", colour),
                links=[("link", {"label": "Aula", "url": "https://github.com/wagtail/wagtail"})],
            )
            s.created += 1
        authors[name] = author
    return authors


def _post(s, blog, spec, author, category):
    body = [("rich_text", f"<p>{text}</p>") for text in spec["paragraphs"]]
    if spec.get("quote"):
        body.append(("quote", {"text": spec["quote"][0], "source": spec["quote"][1]}))
    if spec.get("code"):
        body.append(("code", {"language": "python", "code": spec["code"], "caption": ""}))
    post = BlogPage(
        title=spec["title"],
        slug=spec["slug"],
        excerpt=spec["excerpt"],
        author=author,
        category=category,
        date=timezone.localdate() - timedelta(days=spec["days_ago"]),
        cover_image=s.image(spec["title"], spec["colour"]),
        cover_alt=spec["cover_alt"],
        body=body,
    )
    blog.add_child(instance=post)
    post.tags.add(*spec["tags"])
    owner = author.user
    post.owner = owner
    post.save_revision(user=owner).publish()  # the demo publishes what an editor would approve
    s.created += 1
    return post


def _comments(s):
    """On the first post: a student's comment (approved by the moderator) and a new
    account's comment, awaiting approval."""
    from allauth.account.models import EmailAddress

    from discussions import services
    from discussions.models import Post

    post = BlogPage.objects.filter(slug=POSTS[0]["slug"], locale=Locale.get_default()).first()
    User = get_user_model()
    student = User.objects.filter(email="student@aula.test").first()
    moderator = User.objects.filter(email="moderator@aula.test").first()
    if post is None or student is None or moderator is None:
        return
    thread = services.thread_for(post)
    if thread is not None and Post.objects.filter(thread=thread).exists():
        return
    from home.management.commands.seed_demo import DEMO_PASSWORD

    newcomer = User.objects.filter(email=NEWCOMER[0]).first()
    if newcomer is None:
        newcomer = User.objects.create_user(NEWCOMER[0], DEMO_PASSWORD, display_name=NEWCOMER[1])
        EmailAddress.objects.create(user=newcomer, email=NEWCOMER[0], verified=True, primary=True)
        s.created += 1
    comment = services.post_question(post, student, APPROVED_COMMENT)
    services.approve_post(comment, moderator)  # the demo's accounts are all new: held, then approved
    services.post_question(post, newcomer, HELD_COMMENT)
    s.created += 2


def _translate(s):
    from core.translations import fill_translation, translation_of

    source = Locale.get_default()
    blog = BlogIndexPage.objects.filter(locale=source).first()
    if blog is None:
        return
    spanish, created = Locale.objects.get_or_create(language_code="es")
    s.created += created
    for category in BlogCategory.objects.filter(locale=source):
        translated = category.get_translation_or_none(spanish)
        if translated is None:
            fill_translation(category, spanish, SPANISH)
            s.created += 1
    translated_blog = blog.get_translation_or_none(spanish)
    if translated_blog is None:
        fill_translation(blog, spanish, SPANISH)
        s.created += 1
    for post in BlogPage.objects.filter(locale=source, slug__in=TRANSLATED_SLUGS).order_by("path"):
        translated = post.get_translation_or_none(spanish)
        if translated is not None and translated.live and translation_of(translated) is not None:
            continue
        fill_translation(post, spanish, SPANISH)
        s.created += 1
    for home in Page.objects.filter(depth=2).exclude(locale=source).select_related("locale"):
        if blog.get_translation_or_none(home.locale) is not None:
            continue
        copy = blog.copy_for_translation(home.locale)
        copy.title = BLOG_TITLES.get(home.locale.language_code, blog.title)
        copy.save_revision().publish()
        s.created += 1


def _home_blocks(s):
    from home.models import HomePage

    for home in HomePage.objects.select_related("locale"):
        if any(block.block_type == "latest_posts" for block in home.body):
            continue
        heading = LATEST_HEADINGS.get(home.locale.language_code, LATEST_HEADINGS["en"])
        blocks = [(block.block_type, block.value) for block in home.body]
        at = next((i for i, (kind, _value) in enumerate(blocks) if kind == "call_to_action"), len(blocks))
        blocks.insert(at, ("latest_posts", {"heading": heading, "count": 3}))
        home.body = blocks
        home.save_revision().publish()
        s.created += 1
