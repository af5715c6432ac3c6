"""Each key has its own rate: past it, 429 with Retry-After and a JSON error."""

from .conftest import client_with


def test_past_its_rate_a_key_gets_429_with_retry_after(make_key, settings):
    settings.AULA_API_RATE = "2/minute"
    _key, whole = make_key()
    _other, other_whole = make_key()
    client = client_with(whole)
    assert [client.get("/api/v1/courses/").status_code for _ in range(2)] == [200, 200]
    response = client.get("/api/v1/courses/")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response.json()["error"]["code"] == "throttled"
    # Another key has its own count.
    assert client_with(other_whole).get("/api/v1/courses/").status_code == 200
