"""A write sent again with the same ``request_id`` (by the same key) gets the first answer
back and does nothing else.

The id is reserved before the write, in the request's transaction: a second request with
the same id waits on the unique constraint until the first one commits, then reads its
answer. A request that fails is rolled back whole, its reservation with it, so the same id
may be tried again. The same id with a different body is a 409.
"""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .exceptions import Conflict
from .models import IdempotentRequest


def fingerprint(operation, data):
    text = json.dumps([operation, data], sort_keys=True, cls=DjangoJSONEncoder)
    return hashlib.sha256(text.encode()).hexdigest()


def answer_once(key, request_id, print_, produce):
    """``(status, body, replayed)``: the stored answer to ``request_id``, or ``produce()``'s
    (a ``(status, body)`` pair), stored for next time."""
    stored = _stored(key, request_id, print_)
    if stored is not None:
        return stored
    try:
        with transaction.atomic():
            record = IdempotentRequest.objects.create(key=key, request_id=request_id, fingerprint=print_)
    except IntegrityError:  # the same id, sent at the same time, answered first
        return _stored(key, request_id, print_)
    status, body = produce()
    record.status_code = status
    record.body = json.loads(json.dumps(body, cls=DjangoJSONEncoder))
    record.save(update_fields=["status_code", "body"])
    return status, body, False


def _stored(key, request_id, print_):
    record = IdempotentRequest.objects.filter(key=key, request_id=request_id).first()
    if record is None:
        return None
    if record.fingerprint != print_:
        raise Conflict(_("This request_id was already used for a different request."))
    return record.status_code, record.body, True
