"""Certificates as machine-verifiable credentials: an Open Badges 3.0 ``OpenBadgeCredential``
(a W3C Verifiable Credential), signed as a JWT with EdDSA (Ed25519).

The JWT follows the VC-JWT encoding Open Badges 3.0 describes: the credential is the
``vc`` claim, with ``iss`` (the issuer's id), ``sub`` (the subject's id), ``jti`` (the
credential's id) and ``nbf`` (issue time). The header's ``kid`` names the key in the
issuer's JSON Web Key Set, published at ``/certificates/keys.json`` (``jwks_url``).

A third party checks a credential with the public key alone:

    jwks = requests.get(SITE + "/certificates/keys.json").json()
    key = jwt.PyJWK(next(k for k in jwks["keys"] if k["kid"] == jwt.get_unverified_header(token)["kid"]))
    claims = jwt.decode(token, key, algorithms=["EdDSA"], options={"verify_aud": False})

and then asks the verification page (``claims["vc"]["credentialStatus"]["id"]``) whether
it has been revoked since.
"""

import base64
import hashlib
import os
import uuid
from functools import lru_cache

from django.conf import settings
from django.urls import reverse

from .issuer import issuer_name

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]


# PyJWT and cryptography (about 10 MiB) are imported where a credential is signed or a key
# read: the certificate page, which every web worker serves, only links to them.


def new_private_key_pem():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def _key_pem():
    if settings.AULA_CERTIFICATE_SIGNING_KEY.strip():
        return settings.AULA_CERTIFICATE_SIGNING_KEY.strip()
    path = settings.AULA_CERTIFICATE_SIGNING_KEY_FILE
    if not os.path.exists(path):  # the demo's key, made on first use
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(new_private_key_pem())
    with open(path) as handle:
        return handle.read()


@lru_cache(maxsize=4)
def _load(pem):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = serialization.load_pem_private_key(pem.encode(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("The certificate signing key must be an Ed25519 key.")
    return key


def signing_key():
    return _load(_key_pem())


def _b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def public_jwk():
    """The public half of the signing key as a JWK (RFC 8037), with its thumbprint as ``kid``."""
    from cryptography.hazmat.primitives import serialization

    raw = signing_key().public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    x = _b64url(raw)
    # RFC 7638 thumbprint: the required members, sorted, no whitespace.
    thumbprint = _b64url(hashlib.sha256(f'{{"crv":"Ed25519","kty":"OKP","x":"{x}"}}'.encode()).digest())
    return {"kty": "OKP", "crv": "Ed25519", "x": x, "kid": thumbprint, "alg": "EdDSA", "use": "sig"}


def jwks():
    return {"keys": [public_jwk()]}


def jwks_url():
    return settings.SITE_URL + reverse("certificate_keys")


def issuer_id():
    return settings.SITE_URL + "/"


def credential_url(certificate, format="json"):
    return settings.SITE_URL + reverse("certificate_credential", args=[certificate.display_code, format])


def _iso(value):
    return value.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def credential(certificate):
    """The Open Badges 3.0 credential of ``certificate`` (a dict, unsigned)."""
    # The holder, named without anything personal: a stable id derived from the certificate.
    subject_id = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, certificate.verification_url())}"
    kind = {"course": "Course", "program": "Certificate", "master_class": "Certificate"}.get(certificate.kind, "Course")
    document = {
        "@context": CONTEXTS,
        "id": credential_url(certificate),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer_id(), "type": ["Profile"], "name": issuer_name(), "url": settings.SITE_URL},
        "validFrom": _iso(certificate.issued_at),
        "name": certificate.title,
        "credentialSubject": {
            "id": subject_id,
            "type": ["AchievementSubject"],
            "name": certificate.holder_name,
            "achievement": {
                "id": f"urn:uuid:{certificate.course_key}",
                "type": ["Achievement"],
                "achievementType": kind,
                "name": certificate.title,
                "description": certificate.title,
                "criteria": {"narrative": "Every requirement of the course completed, as its instructors defined it."},
                "inLanguage": certificate.language,
            },
            "activityEndDate": _iso(certificate.completed_at),
        },
        "credentialStatus": {"id": certificate.verification_url(), "type": "AulaVerificationPage"},
        "evidence": [{"id": certificate.verification_url(), "type": ["Evidence"], "name": "Verification page"}],
    }
    if certificate.seconds:  # the course page's duration (courses/duration.py), in hours
        hours = round(certificate.seconds / 3600, 2)
        document["credentialSubject"]["achievement"]["creditsAvailable"] = hours

    if certificate.show_grade and certificate.grade is not None:
        document["credentialSubject"]["result"] = [{"type": ["Result"], "value": f"{certificate.grade}%"}]
    return document


def signed_credential(certificate):
    """The credential as a compact JWS (EdDSA), with its key id in the header."""
    document = credential(certificate)
    claims = {
        "iss": document["issuer"]["id"],
        "sub": document["credentialSubject"]["id"],
        "jti": document["id"],
        "nbf": int(certificate.issued_at.timestamp()),
        "vc": document,
    }
    headers = {"kid": public_jwk()["kid"], "typ": "JWT"}
    import jwt

    return jwt.encode(claims, signing_key(), algorithm="EdDSA", headers=headers)
