"""The home page's "Upcoming master classes" block (``AULA_HOME_BODY_BLOCKS``)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .renewals import EVENTS

EXTRA = 5  # fetched beyond ``count``: classes that started since the list was kept drop out at render


def _active_locale():
    from wagtail.models import Locale

    from core.localized import active_locale_id, language_code_of

    locale_id = active_locale_id()
    return Locale(pk=locale_id, language_code=language_code_of(locale_id)) if locale_id else Locale.get_active()


def upcoming_for_home(locale, count):
    """The next ``count`` classes of ``locale`` and their list page, kept in the shared
    cache until a class is published or changes, or one starts (``reminders.send_due``)."""
    from caching.shared import shared_value

    from .master_classes import upcoming_master_classes
    from .models import MasterClassIndexPage

    def build():
        index = MasterClassIndexPage.objects.live().filter(locale_id=locale.pk).defer_streamfields().first()
        return {"classes": upcoming_master_classes(locale, count + EXTRA), "index": index}

    found = shared_value(None, f"upcoming-master-classes:{locale.pk}:{count}", build, scopes=[EVENTS])
    now = timezone.now()
    return [page for page in found["classes"] if page.start > now][:count], found["index"]


class UpcomingMasterClassesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    count = blocks.IntegerBlock(label=_("How many"), min_value=1, max_value=12, default=3)

    class Meta:
        icon = "date"
        label = _("Upcoming master classes")
        template = "events/blocks/upcoming_master_classes.html"
        description = _("The next master classes in the visitor's language, with a link to all of them.")
        preview_value = {"heading": "Upcoming master classes", "count": 3}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["master_classes"], context["index"] = upcoming_for_home(_active_locale(), value["count"])
        return context
