from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Locale

from accounts.tests.factories import UserFactory
from events import registration as registrations
from events.master_classes import registered_master_classes, upcoming_master_classes
from events.models import MasterClassPage

from .factories import master_class, master_class_index

pytestmark = pytest.mark.django_db


def test_the_calendar_services_list_upcoming_and_registered_classes():
    later = master_class(title="Later", start=timezone.now() + timedelta(days=9))
    sooner = master_class(title="Sooner", start=timezone.now() + timedelta(days=2))
    cancelled = master_class(title="Off", status=MasterClassPage.Status.CANCELLED)
    past_start = timezone.now() - timedelta(days=2)
    master_class(title="Past", start=past_start, end=past_start + timedelta(hours=1))
    assert [p.title for p in upcoming_master_classes(Locale.get_default())] == ["Sooner", "Later"]
    assert [p.title for p in upcoming_master_classes(Locale.get_default(), limit=1)] == ["Sooner"]
    student = UserFactory()
    registrations.register(student, later)
    registrations.register(student, sooner)
    registrations.cancel(student, registrations.registration_of(student, sooner).key)
    assert [page.title for _r, page in registered_master_classes(student)] == ["Later"]
    assert registered_master_classes(UserFactory()) == []
    assert cancelled.uid == f"master-class-{cancelled.translation_key}@aula" and later.sequence == 0


@pytest.mark.parametrize("count", [2, 12])
def test_the_list_page_s_queries_do_not_grow_with_its_classes(client, no_caching, count, django_assert_max_num_queries):
    for number in range(count):
        master_class(title=f"Class {number}", start=timezone.now() + timedelta(days=number + 1))
    url = master_class_index().url
    client.get(url)  # site settings and the like made once
    with django_assert_max_num_queries(18):
        response = client.get(url)
    assert response.content.decode().count('class="card h-100"') == count
