"""Verification codes: short, unguessable and easy to type from paper.

16 symbols of Crockford's base32 (80 random bits), shown in four groups of four:
``7KQ3-M9XD-2HFA-R0TB``. Crockford's alphabet has no I, L, O or U; when reading a typed
code, lower case is accepted, I and L are read as 1, O as 0, and spaces or dashes are
ignored, so a code copied by hand still verifies.
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 16  # 16 × 5 = 80 bits: enumerating them is hopeless, and the verify page is rate-limited
GROUP = 4
_TYPED_ALIASES = str.maketrans({"I": "1", "L": "1", "O": "0"})
_SEPARATORS_RE = re.compile(r"[\s\-_.]+")


def new_code():
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def display(code):
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalize(typed):
    """The stored form of a typed code, or None when it cannot be a code (wrong length,
    characters outside the alphabet)."""
    if not isinstance(typed, str) or len(typed) > 64:
        return None
    code = _SEPARATORS_RE.sub("", typed).upper().translate(_TYPED_ALIASES)
    if len(code) != LENGTH or any(char not in ALPHABET for char in code):
        return None
    return code
