"""Reading a provider's event body strictly: what Python's ``json`` accepts but the database
cannot store, or the order books cannot hold, is refused as a bad delivery (400) before
anything is written — ``NaN`` and ``Infinity`` (``1e400`` included), NUL characters and lone
surrogates in any string, nesting deeper than Python can parse, and an event id or type
longer than ``PaymentEvent`` keeps."""

import math

EVENT_ID_LENGTH = 255
EVENT_TYPE_LENGTH = 100


class UnreadableEvent(ValueError):
    pass


def _refuse_constant(name):
    raise UnreadableEvent(f"{name} is not a number")


def _finite(text):
    value = float(text)
    if not math.isfinite(value):
        raise UnreadableEvent(f"{text} is not a finite number")
    return value


def load_event(body):
    """The JSON object in ``body`` (bytes or text), or UnreadableEvent saying why not."""
    import json

    try:
        data = json.loads(body, parse_constant=_refuse_constant, parse_float=_finite)
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        raise UnreadableEvent(str(error)) from error
    _check_strings(data)
    return data


def check_event_fields(event_id, event_type):
    if not 0 < len(event_id) <= EVENT_ID_LENGTH or not 0 < len(event_type) <= EVENT_TYPE_LENGTH:
        raise UnreadableEvent("an event id or type that is empty or too long")


def _check_strings(data):
    """Every key and string in ``data``: no NUL, nothing UTF-8 cannot encode (walked without
    recursion: ``json`` parsed it, so it may be as deep as the interpreter allows)."""
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, str):
            if "\x00" in value:
                raise UnreadableEvent("a NUL character")
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as error:
                raise UnreadableEvent("a lone surrogate") from error
