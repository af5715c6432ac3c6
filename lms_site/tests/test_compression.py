"""Pages go out gzipped to browsers that accept it, from the page cache too (compression.py)."""

import gzip

import pytest

pytestmark = pytest.mark.django_db


def test_a_page_is_gzipped_for_a_browser_that_accepts_it_first_rendered_and_cached(client):
    plain = client.get("/en/").content
    for _ in range(2):  # rendered, then from the anonymous page cache
        response = client.get("/en/", headers={"accept-encoding": "gzip, deflate, br"})
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert gzip.decompress(response.content) == plain
        assert len(response.content) < len(plain) / 2


def test_a_page_is_plain_for_a_client_that_does_not_accept_gzip(client):
    response = client.get("/en/")
    assert not response.has_header("Content-Encoding")
    assert b"<html" in response.content


def test_a_streamed_answer_is_never_compressed():
    """Course video, audio and captions are streamed with HTTP Range: a compressed 206
    would break seeking."""
    from django.http import StreamingHttpResponse
    from django.test import RequestFactory

    from lms_site.compression import TextGZipMiddleware

    request = RequestFactory().get("/", headers={"accept-encoding": "gzip"})
    middleware = TextGZipMiddleware(lambda request: StreamingHttpResponse([b"x" * 1000], content_type="text/vtt"))
    assert not middleware(request).has_header("Content-Encoding")
