"""Under DEBUG (``make demo``) only public images are served from MEDIA_URL."""

import importlib
from pathlib import Path

import pytest
from django.urls import clear_url_caches

pytestmark = pytest.mark.django_db


def _reload_urls():
    import lms_site.urls

    importlib.reload(lms_site.urls)
    clear_url_caches()


@pytest.fixture
def dev_server(settings):
    """The URLs as ``make demo`` builds them (DEBUG on), with a document and an image on disk."""
    media = Path(settings.MEDIA_ROOT)
    for relative, content in {
        "documents/paid-handout.pdf": b"%PDF-1.4 paid",
        "original_images/cover.png": b"\x89PNG original",
        "images/cover.fill-100x100.png": b"\x89PNG rendition",
    }.items():
        (media / relative).parent.mkdir(parents=True, exist_ok=True)
        (media / relative).write_bytes(content)
    settings.DEBUG = True
    _reload_urls()
    yield
    settings.DEBUG = False
    _reload_urls()


@pytest.mark.parametrize("path", ["original_images/cover.png", "images/cover.fill-100x100.png"])
def test_public_images_are_served_from_media_url(client, dev_server, path):
    response = client.get(f"/media/{path}")
    assert response.status_code == 200
    assert b"PNG" in b"".join(response.streaming_content)


@pytest.mark.parametrize(
    "path",
    [
        "documents/paid-handout.pdf",
        "images/../documents/paid-handout.pdf",
        "images/..%2Fdocuments/paid-handout.pdf",
        "original_images/../documents/paid-handout.pdf",
    ],
)
def test_documents_are_never_served_from_media_url(client, dev_server, path):
    response = client.get(f"/media/{path}")
    assert response.status_code in (302, 404)  # falls through to the page tree: a redirect or a 404
    assert not response.streaming
