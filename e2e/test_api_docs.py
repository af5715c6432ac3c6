"""The API reference (Swagger UI, from drf-spectacular-sidecar's files) renders
in Chromium under the site's Content-Security-Policy, with no console error and nothing
fetched from another host. Pass ``-s`` to see where the screenshots are."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def open_reference(page, live_url, path, ready, tmp_path, width):
    problems, hosts = [], set()
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(live_url + path)
    assert "default-src 'self'" in response.headers["content-security-policy"]
    try:
        page.locator(ready).first.wait_for()
    finally:
        print(path, width, problems)
    shot = tmp_path / f"{path.strip('/').replace('/', '-')}-{width}.png"
    page.screenshot(path=str(shot))
    print(shot)
    assert problems == []
    assert hosts == {live_url.split("/")[2]}
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", [1280, 390])
def test_swagger_ui_renders_every_operation(page, live_url, tmp_path, width):
    open_reference(page, live_url, "/api/v1/docs/", ".opblock", tmp_path, width)
    assert page.locator(".opblock").count() == 11
