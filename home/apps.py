from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from caching import top_pages

        from . import frame, receivers, translation_labels
        from .models import HomePage

        top_pages.offer(frame.top_page)  # the pages below read the top of the tree through caching

        translation_labels.install()  # evaluation segments say what they are (home/translation_labels.py)

        post_save.connect(receivers.language_tree_created, sender=HomePage, dispatch_uid="home_language_tree")
        page_published.connect(receivers.source_page_published, dispatch_uid="home_translate_new_pages")
