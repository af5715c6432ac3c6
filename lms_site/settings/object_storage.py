"""``MEDIA_STORAGE=s3``: the two file storages in S3-compatible object storage, read from the
environment (docs/operators/storage.md). base.py uses it; so do the tests of object
storage (lms_site/tests/test_object_storage.py), with a local S3 server's environment."""

from urllib.parse import urlsplit


def object_storages(env):
    """``(storages, origins)``: the ``"default"`` and ``"private"`` entries of ``STORAGES``,
    and the origins browsers fetch files from (the Content-Security-Policy allows them)."""
    endpoint_url = env("S3_ENDPOINT_URL", default="") or None  # empty: Amazon S3
    connection = {
        "endpoint_url": endpoint_url,
        "region_name": env("S3_REGION", default="") or None,
        # Empty: boto3's own chain (AWS_ACCESS_KEY_ID…, an instance or task role).
        "access_key": env("S3_ACCESS_KEY_ID", default="") or None,
        "secret_key": env("S3_SECRET_ACCESS_KEY", default="") or None,
        # Another provider's endpoint (MinIO, Ceph, R2…): bucket in the path; S3: in the host.
        "addressing_style": "path" if endpoint_url else "virtual",
        "signature_version": "s3v4",
        "default_acl": None,  # objects stay private; the bucket policy opens the public image folders
    }
    bucket = env("S3_BUCKET")
    private_bucket = env("S3_PRIVATE_BUCKET", default="") or bucket
    public_domain = env("S3_PUBLIC_DOMAIN", default="") or None  # a CDN in front of the public images
    storages = {
        "default": {
            "BACKEND": "courses.object_storage.PublicMediaObjectStorage",
            "OPTIONS": {**connection, "bucket_name": bucket, "custom_domain": public_domain},
        },
        "private": {
            "BACKEND": "courses.object_storage.PrivateObjectStorage",
            "OPTIONS": {**connection, "bucket_name": private_bucket},
        },
    }
    if endpoint_url:
        parts = urlsplit(endpoint_url)
        origins = [f"{parts.scheme}://{parts.netloc}"]
    else:
        region = connection["region_name"]
        host = f"s3.{region}.amazonaws.com" if region and region != "us-east-1" else "s3.amazonaws.com"
        origins = [f"https://{name}.{host}" for name in dict.fromkeys([bucket, private_bucket])]
    if public_domain:
        origins.append(f"https://{public_domain}")
    return storages, origins
