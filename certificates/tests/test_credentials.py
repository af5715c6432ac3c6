"""The signed credential: verified with the published public key alone; tampering shows."""

import base64
import json

import jwt
import pytest
from django.utils import timezone

from ..models import Certificate
from .factories import certificate_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(completed, free_course):
    return certificate_of(completed, free_course)


def fetch_token(client, certificate):
    response = client.get(f"/certificates/{certificate.display_code}/credential.jwt")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    return response.content.decode()


def public_key(client, token):
    """What a third party does: the issuer's key set, the key the token names."""
    keys = client.get("/certificates/keys.json").json()["keys"]
    kid = jwt.get_unverified_header(token)["kid"]
    return jwt.PyJWK(next(key for key in keys if key["kid"] == kid))


def test_a_credential_verifies_with_the_public_key_alone(client, certificate):
    token = fetch_token(client, certificate)
    claims = jwt.decode(token, public_key(client, token), algorithms=["EdDSA"])
    credential = claims["vc"]
    assert "OpenBadgeCredential" in credential["type"]
    assert credential["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert credential["credentialSubject"]["name"] == "A Student"
    assert credential["credentialSubject"]["achievement"]["name"] == "Free course"
    assert credential["credentialStatus"]["id"] == certificate.verification_url()
    assert claims["iss"] == credential["issuer"]["id"] == "http://testserver/"
    assert claims["jti"] == credential["id"]
    assert certificate.user.email not in token and certificate.user.email not in json.dumps(claims)


def test_tampering_is_detected(client, certificate):
    token = fetch_token(client, certificate)
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["vc"]["credentialSubject"]["name"] = "Mallory"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(f"{header}.{forged}.{signature}", public_key(client, token), algorithms=["EdDSA"])


def test_another_key_does_not_verify_it(client, certificate, settings):
    token = fetch_token(client, certificate)
    from ..credentials import new_private_key_pem

    settings.AULA_CERTIFICATE_SIGNING_KEY = new_private_key_pem()
    other = jwt.PyJWK(client.get("/certificates/keys.json").json()["keys"][0])
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, other, algorithms=["EdDSA"])


def test_the_key_set_is_public_and_stable(client, certificate):
    first = client.get("/certificates/keys.json")
    assert first["Access-Control-Allow-Origin"] == "*"
    key = first.json()["keys"][0]
    assert (key["kty"], key["crv"], key["alg"]) == ("OKP", "Ed25519", "EdDSA")
    assert "d" not in key  # never the private part
    assert client.get("/certificates/keys.json").json() == first.json()


def test_the_unsigned_json_document_is_served_too(client, certificate):
    response = client.get(f"/certificates/{certificate.display_code}/credential.json")
    assert response.json()["credentialSubject"]["achievement"]["type"] == ["Achievement"]


def test_a_revoked_certificate_has_no_credential(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=timezone.now(), revocation_reason="x")
    assert client.get(f"/certificates/{certificate.display_code}/credential.jwt").status_code == 410


@pytest.mark.parametrize("path", ["/certificates/ZZZZ-ZZZZ-ZZZZ-ZZZZ/credential.jwt", "/certificates/x/credential.xml"])
def test_unknown_credentials_are_404(client, certificate, path):
    assert client.get(path).status_code == 404


def test_the_demo_key_is_generated_once(settings, tmp_path):
    from ..credentials import public_jwk

    settings.AULA_CERTIFICATE_SIGNING_KEY = ""
    settings.AULA_CERTIFICATE_SIGNING_KEY_FILE = str(tmp_path / "key.pem")
    first = public_jwk()
    assert (tmp_path / "key.pem").stat().st_mode & 0o077 == 0
    assert public_jwk() == first


def test_deploy_check_asks_for_a_real_key(settings):
    from ..checks import check_signing_key

    settings.AULA_CERTIFICATE_SIGNING_KEY = ""
    assert [w.id for w in check_signing_key(None)] == ["certificates.W001"]
    settings.AULA_CERTIFICATE_SIGNING_KEY = "not a key"
    assert [w.id for w in check_signing_key(None)] == ["certificates.W002"]


def test_the_key_command_prints_a_usable_key(settings, capsys):
    from django.core.management import call_command

    from ..checks import check_signing_key

    call_command("certificate_signing_key")
    one_line = capsys.readouterr().err.strip().splitlines()[-1].removeprefix("CERTIFICATE_SIGNING_KEY=")
    settings.AULA_CERTIFICATE_SIGNING_KEY = one_line.replace("\\n", "\n")
    assert check_signing_key(None) == []
