"""wagtail-localize's "Translate this page" form, with "Include subtree" ticked by default
for pages that declare ``translate_subtree_by_default`` (a course, a section: translating
one without its sections and resources is never what is meant), and the pages above it
translated too when they are not yet (as drafts, like the page).

The view is wagtail-localize's own, registered on its URL before it
(home/wagtail_hooks.py), so every link and ``reverse()`` reaches it.
"""

from django.db import transaction
from wagtail.models import Locale
from wagtail_localize.views.submit_translations import SubmitPageTranslationView, SubmitTranslationForm

from .translators import translate_missing_ancestors


class SubmitTranslationWithSubtreeForm(SubmitTranslationForm):
    def __init__(self, instance, *args, **kwargs):
        super().__init__(instance, *args, **kwargs)
        if getattr(instance, "translate_subtree_by_default", False):
            self.fields["include_subtree"].initial = True


class SubmitPageTranslationWithSubtreeView(SubmitPageTranslationView):
    def get_form(self):
        if self.request.method == "POST":
            return SubmitTranslationWithSubtreeForm(self.object, self.request.POST)
        initial = None
        code = self.request.GET.get("select_locale")
        locale = Locale.objects.filter(language_code=code).first() if code else None
        if locale is not None:
            initial = {"locales": [locale]}
        return SubmitTranslationWithSubtreeForm(self.object, initial=initial)

    @transaction.atomic
    def form_valid(self, form):
        # The pages above it first (a catalog never translated), as wagtail-localize
        # translations and drafts: wagtail-localize would copy them as they are, live
        # and in the source language.
        for locale in form.cleaned_data["locales"]:
            translate_missing_ancestors(self.object, locale, self.request.user)
        return super().form_valid(form)
