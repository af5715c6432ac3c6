from datetime import timedelta
from decimal import Decimal

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Locale

from events.models import MasterClassIndexPage, MasterClassPage


def master_class_index():
    return MasterClassIndexPage.objects.get(locale=Locale.get_default())


class MasterClassPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MasterClassPage

    title = factory.Sequence(lambda n: f"Master class {n}")
    summary = "A live class."
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=2))
    capacity = 10
    price = Decimal("0")
    meeting_url = "https://meet.example.org/aula-live"


def master_class(**kwargs):
    """A published master class under the English list."""
    kwargs.setdefault("parent", master_class_index())
    page = MasterClassPageFactory(**kwargs)
    page.save_revision().publish()
    page.refresh_from_db()
    return page
