"""Wagtail's images, documents, snippets and redirects apps run as Aula's configs
(``lms_site/wagtail_apps.py``): everything Wagtail's ``ready()`` sets up but its v3 API."""

import hashlib
import inspect
import weakref

import pytest
from django.apps import apps
from django.db.models.signals import post_migrate
from wagtail.contrib.redirects.apps import WagtailRedirectsAppConfig
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.redirects.signal_handlers import (
    autocreate_redirects_on_page_move,
    autocreate_redirects_on_slug_change,
)
from wagtail.documents import get_document_model
from wagtail.documents.apps import WagtailDocsAppConfig
from wagtail.images import get_image_model
from wagtail.images.apps import WagtailImagesAppConfig
from wagtail.models.reference_index import ReferenceIndex
from wagtail.permissions import policy_registry
from wagtail.signals import page_slug_changed, post_page_move
from wagtail.snippets.apps import WagtailSnippetsAppConfig
from wagtail.snippets.models import create_extra_permissions

# The digest of each Wagtail ready() that lms_site/wagtail_apps.py copies (without its API
# tail). A Wagtail upgrade that changes one fails here: compare, copy again, update the digest.
COPIED = {
    WagtailImagesAppConfig: "52e409385bb1ad62",
    WagtailDocsAppConfig: "4cdf87a46dbf81ef",
    WagtailSnippetsAppConfig: "1ac35b5ed4034956",
    WagtailRedirectsAppConfig: "19d1a78049d84e47",
}


@pytest.mark.parametrize("wagtails", COPIED, ids=lambda config: config.__name__)
def test_wagtails_ready_is_the_one_copied(wagtails):
    assert hashlib.sha256(inspect.getsource(wagtails.ready).encode()).hexdigest()[:16] == COPIED[wagtails]


@pytest.mark.parametrize("wagtails", COPIED, ids=lambda config: config.__name__)
def test_the_site_runs_aulas_config_of_the_app(wagtails):
    config = apps.get_app_config(wagtails.label)
    assert type(config).__module__ == "lms_site.wagtail_apps" and isinstance(config, wagtails)


def connected(signal):
    return [each[1]() if isinstance(each[1], weakref.ReferenceType) else each[1] for each in signal.receivers]


def test_what_wagtails_ready_sets_up_is_set_up():
    for model in (get_image_model(), get_document_model(), Redirect):
        assert policy_registry.get_by_type(model, fallback=False) is not None
    assert ReferenceIndex.is_indexed(get_image_model()) and ReferenceIndex.is_indexed(get_document_model())
    assert autocreate_redirects_on_page_move in connected(post_page_move)
    assert autocreate_redirects_on_slug_change in connected(page_slug_changed)
    assert create_extra_permissions in connected(post_migrate)
