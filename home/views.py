from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail_localize.models import Translation
from wagtail_localize.views import convert

from . import translators
from .exceptions import HomeError


@require_POST
def submit_translation_for_review(request, translation_id):
    """The translator's "Submit for review" in the translation editor."""
    translation = get_object_or_404(Translation, pk=translation_id, enabled=True)
    try:
        page = translators.submit_for_review(translation, request.user)
    except HomeError as error:
        messages.error(request, error.message)
        try:
            return redirect(translation.get_target_instance_edit_url())
        except ObjectDoesNotExist:
            return redirect("wagtailadmin_home")
    title = page.get_admin_display_title()
    message = _("“%(title)s” was submitted for review: a moderator will publish it.") % {"title": title}
    messages.success(request, message)
    return redirect("wagtailadmin_pages:edit", page.pk)


def translators_never_convert_to_alias(request, page_id):
    """wagtail-localize's "Convert to alias page" replaces a translation by the original,
    live in its language: a publishing decision, not a translator's."""
    if translators.only_translates(request.user):
        messages.error(request, _("Translators cannot turn a translation into a copy of the original."))
        return redirect("wagtailadmin_pages:edit", page_id)
    return convert.convert_to_alias(request, page_id)
