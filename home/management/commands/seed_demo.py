"""Demo data for a fresh site: users for every role, locales, a home page and the standard
pages in four languages, site settings. Idempotent: a second run changes nothing.

Other apps add their own demo content by providing ``<app>/demo.py`` with a
``seed(stdout)`` function; this command calls them in INSTALLED_APPS order, then each
``seed_translations(stdout)`` an app's demo offers (translations of what every app made).
"""

import importlib
import logging

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale, Site

from accounts.roles import EDITORS, INSTRUCTORS, MODERATORS, TRANSLATORS
from home.models import HomePage, SiteSettings, StandardPage

DEMO_PASSWORD = "aula-demo-2026"

DEMO_USERS = [
    # (email, display name, group, superuser)
    ("admin@aula.test", "Ada Admin", None, True),
    ("instructor@aula.test", "Iris Instructor", INSTRUCTORS, False),
    ("moderator@aula.test", "Mo Moderator", MODERATORS, False),
    ("editor@aula.test", "Eda Editor", EDITORS, False),
    ("translator@aula.test", "Tomás Translator", TRANSLATORS, False),
    ("student@aula.test", "Sam Student", None, False),
]

HOME_TEXT = {
    "en": {
        "title": "Aula",
        "search_heading": "What do you want to learn?",
        "featured_heading": "Featured courses",
        "categories_heading": "Browse by subject",
        "testimonials_heading": "What our students say",
        "heading": "Learn from practitioners, at your own pace",
        "text": "Video and audio courses with captions, in four languages, and certificates anyone can verify.",
        "cta_heading": "Ready to start?",
        "cta_text": "Create a free account and enroll in your first course today.",
        "cta_button": "Create your account",
        "about": ("About Aula", "Aula is an open-source learning platform built on Wagtail."),
        "terms": ("Terms of use", "The rules for using this site."),
        "privacy": ("Privacy", "What we collect, why, and how you can export or delete it."),
    },
    "es": {
        "title": "Aula",
        "search_heading": "¿Qué quieres aprender?",
        "featured_heading": "Cursos destacados",
        "categories_heading": "Explora por tema",
        "testimonials_heading": "Lo que dicen nuestros estudiantes",
        "heading": "Aprende de profesionales, a tu propio ritmo",
        "text": (
            "Cursos en vídeo y audio con subtítulos, en cuatro idiomas, y certificados que cualquiera puede verificar."
        ),
        "cta_heading": "¿Listo para empezar?",
        "cta_text": "Crea una cuenta gratuita e inscríbete hoy en tu primer curso.",
        "cta_button": "Crea tu cuenta",
        "about": (
            "Acerca de Aula",
            "Aula es una plataforma de aprendizaje de código abierto construida sobre Wagtail.",
        ),
        "terms": ("Condiciones de uso", "Las normas para usar este sitio."),
        "privacy": ("Privacidad", "Qué recopilamos, por qué y cómo puedes exportarlo o borrarlo."),
    },
    "pt-br": {
        "title": "Aula",
        "search_heading": "O que você quer aprender?",
        "featured_heading": "Cursos em destaque",
        "categories_heading": "Explore por assunto",
        "testimonials_heading": "O que dizem nossos alunos",
        "heading": "Aprenda com profissionais, no seu ritmo",
        "text": (
            "Cursos em vídeo e áudio com legendas, em quatro idiomas, "
            "e certificados que qualquer pessoa pode verificar."
        ),
        "cta_heading": "Pronto para começar?",
        "cta_text": "Crie uma conta gratuita e matricule-se hoje no seu primeiro curso.",
        "cta_button": "Crie sua conta",
        "about": ("Sobre a Aula", "A Aula é uma plataforma de aprendizagem de código aberto construída com Wagtail."),
        "terms": ("Termos de uso", "As regras para usar este site."),
        "privacy": ("Privacidade", "O que coletamos, por quê, e como você pode exportar ou apagar."),
    },
    "fr": {
        "title": "Aula",
        "search_heading": "Que voulez-vous apprendre ?",
        "featured_heading": "Cours à la une",
        "categories_heading": "Parcourir par thème",
        "testimonials_heading": "Ce que disent nos étudiants",
        "heading": "Apprenez auprès de praticiens, à votre rythme",
        "text": "Des cours en vidéo et audio sous-titrés, en quatre langues, et des certificats vérifiables par tous.",
        "cta_heading": "Prêt à commencer ?",
        "cta_text": "Créez un compte gratuit et inscrivez-vous dès aujourd'hui à votre premier cours.",
        "cta_button": "Créez votre compte",
        "about": ("À propos d'Aula", "Aula est une plateforme d'apprentissage libre construite avec Wagtail."),
        "terms": ("Conditions d'utilisation", "Les règles d'utilisation de ce site."),
        "privacy": ("Confidentialité", "Ce que nous collectons, pourquoi, et comment l'exporter ou le supprimer."),
    },
}

STANDARD_SLUGS = ["about", "terms", "privacy"]


class Command(BaseCommand):
    help = "Load demo users, locales and pages (idempotent)."

    def handle(self, *args, **options):
        from django_q.models import OrmQ

        # django-q logs a line per queued job (certificates, receipts, transcripts, e-mails):
        # the summary below counts them instead.
        queue_log = logging.getLogger("django-q")
        queue_log_level = queue_log.level
        queue_log.setLevel(logging.WARNING)
        queued_before = OrmQ.objects.count()
        try:
            with transaction.atomic():  # the jobs are queued when it commits, still quietly
                self.seed_everything()
        finally:
            queue_log.setLevel(queue_log_level)
        queued = OrmQ.objects.count() - queued_before
        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({self.created} objects created)."))
        if queued:
            self.stdout.write(
                f"{queued} background jobs queued (certificate PDFs, receipts, the transcripts' search index, "
                "e-mails): the worker that `make demo` starts does them."
            )
        self.stdout.write("Demo accounts (development only), all with the password " + DEMO_PASSWORD + ":")
        for email, _name, group, superuser in DEMO_USERS:
            role = "administrator" if superuser else (group or "Student").rstrip("s").lower()
            self.stdout.write(f"  {role:<12} {email}")

    def seed_everything(self):
        self.created = 0
        self.seed_users()
        locales = self.seed_locales()
        home = self.seed_home(locales)
        self.seed_settings(home)
        demos = []
        for app_config in apps.get_app_configs():
            try:
                demos.append(importlib.import_module(f"{app_config.name}.demo"))
            except ModuleNotFoundError:
                continue
        for demo in demos:
            self.created += demo.seed(self.stdout) or 0
        for demo in demos:
            if hasattr(demo, "seed_translations"):
                self.created += demo.seed_translations(self.stdout) or 0

    def seed_users(self):
        from allauth.account.models import EmailAddress

        User = get_user_model()
        for email, name, group_name, superuser in DEMO_USERS:
            if User.objects.filter(email=email).exists():
                continue
            if superuser:
                user = User.objects.create_superuser(email, DEMO_PASSWORD, display_name=name)
            else:
                user = User.objects.create_user(email, DEMO_PASSWORD, display_name=name)
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            self.created += 1

    def seed_locales(self):
        locales = {}
        for code in HOME_TEXT:
            locales[code], created = Locale.objects.get_or_create(language_code=code)
            self.created += created
        return locales

    def seed_home(self, locales):
        home = HomePage.objects.get(locale=locales["en"])
        if not home.body:
            self.fill_home(home, "en")
        for code, texts in HOME_TEXT.items():
            translated = home if code == "en" else home.get_translation_or_none(locales[code])
            if translated is None:
                translated = home.copy_for_translation(locales[code])
                self.fill_home(translated, code)
            for slug in STANDARD_SLUGS:
                self.seed_standard_page(home, translated, locales[code], slug, texts[slug])
        return home

    def fill_home(self, home, code):
        texts = HOME_TEXT[code]
        home.title = texts["title"]
        home.seo_title = texts["heading"]  # the <title>: "Learn from practitioners… · Aula", not "Aula · Aula"
        home.body = [
            ("hero", {"heading": texts["heading"], "text": texts["text"]}),
            ("course_search", {"heading": texts["search_heading"]}),
            ("featured_courses", {"heading": texts["featured_heading"], "count": 3}),
            ("categories", {"heading": texts["categories_heading"]}),
            # contributed by the courses app (AULA_HOME_BODY_BLOCKS); left out if a site removes it
            *(
                [("testimonials", {"heading": texts["testimonials_heading"], "count": 3})]
                if "testimonials" in home.body.stream_block.child_blocks
                else []
            ),
            (
                "call_to_action",
                {
                    "heading": texts["cta_heading"],
                    "text": texts["cta_text"],
                    "button": {"label": texts["cta_button"], "url": f"/{code}/accounts/signup/"},
                },
            ),
        ]
        home.save_revision().publish()
        self.created += 1

    def seed_standard_page(self, source_home, home, locale, slug, texts):
        if StandardPage.objects.filter(locale=locale, slug=slug).exists():
            return
        title, intro = texts
        english = StandardPage.objects.filter(locale=source_home.locale, slug=slug).first()
        if english is None or locale == source_home.locale:
            page = StandardPage(title=title, slug=slug, introduction=intro, show_in_menus=slug == "about")
            home.add_child(instance=page)
        else:
            page = english.copy_for_translation(locale)
            page.title, page.introduction = title, intro
        page.body = [("text", f"<p>{intro}</p>")]
        page.save_revision().publish()
        self.created += 1

    def seed_settings(self, home):
        site = Site.objects.get(is_default_site=True)
        settings = SiteSettings.for_site(site)
        if settings.footer_links:
            return
        settings.contact_email = "hello@aula.test"
        pages = {p.slug: p for p in StandardPage.objects.filter(locale=home.locale)}
        settings.footer_links = [("link", {"label": "", "page": pages[slug], "url": ""}) for slug in STANDARD_SLUGS]
        settings.save()
        self.created += 1
