from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import TranslatableMixin

from core.seo import SITEMAP_HOOK

from . import translators
from .models import HomePage, StandardPage
from .translation_forms import SubmitPageTranslationWithSubtreeView
from .views import (
    course_translation_page,
    next_untranslated_page,
    submit_translation_for_review,
    translators_never_convert_to_alias,
)

# In the sitemap (home/sitemap.py), with the page types other apps register there.
hooks.register(SITEMAP_HOOK, lambda: HomePage)
hooks.register(SITEMAP_HOOK, lambda: StandardPage)


@hooks.register("register_admin_urls", order=-1)
def translation_admin_urls():
    """Before wagtail-localize's: its "Translate this page" URL answers with Aula's form
    (home/translation_forms.py)."""
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            SubmitPageTranslationWithSubtreeView.as_view(),
            name="aula_submit_page_translation",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            translators_never_convert_to_alias,
            name="aula_convert_to_alias",
        ),
        path(
            "translations/<int:translation_id>/submit-for-review/",
            submit_translation_for_review,
            name="aula_submit_translation_for_review",
        ),
        path("translations/course/<int:page_id>/", course_translation_page, name="aula_course_translation"),
        path("translations/course/<int:page_id>/next/", next_untranslated_page, name="aula_next_untranslated_page"),
    ]


def _refuse(request):
    messages.error(request, _("Translators edit translations only: this is an original, not a translation."))
    return redirect("wagtailadmin_home")


@hooks.register("before_edit_page", order=-1)
def translators_edit_translations_only(request, page):
    """Before wagtail-localize's own hook (which opens the translation editor)."""
    if not translators.may_edit(request.user, page):
        return _refuse(request)
    return None


@hooks.register("before_edit_snippet", order=-1)
def translators_edit_translated_snippets_only(request, instance):
    if isinstance(instance, TranslatableMixin) and not translators.may_edit(request.user, instance):
        return _refuse(request)
    return None
