"""Countries for billing and tax: names from Babel's CLDR data in the active language, and
the shape of an EU VAT number (a check of its form only; no network lookup)."""

import re

from babel import Locale
from django.conf import settings
from django.utils.translation import get_language, to_locale

NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}  # CLDR regions that are not countries

# EU VAT numbers: the country prefix and the shape of the rest (what VIES accepts).
EU_VAT_SHAPES = {
    "AT": r"U\d{8}", "BE": r"[01]\d{9}", "BG": r"\d{9,10}", "CY": r"\d{8}[A-Z]", "CZ": r"\d{8,10}",
    "DE": r"\d{9}", "DK": r"\d{8}", "EE": r"\d{9}", "EL": r"\d{9}", "ES": r"[A-Z0-9]\d{7}[A-Z0-9]",
    "FI": r"\d{8}", "FR": r"[A-HJ-NP-Z0-9]{2}\d{9}", "HR": r"\d{11}", "HU": r"\d{8}",
    "IE": r"\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W]",
    "IT": r"\d{11}", "LT": r"\d{9}|\d{12}", "LU": r"\d{8}", "LV": r"\d{11}", "MT": r"\d{8}", "NL": r"\d{9}B\d{2}",
    "PL": r"\d{10}", "PT": r"\d{9}", "RO": r"\d{2,10}", "SE": r"\d{12}", "SI": r"\d{8}", "SK": r"\d{10}",
}  # fmt: skip
VAT_PREFIX = {"GR": "EL"}  # Greece's VAT numbers start with EL


def _locale():
    return Locale.parse(to_locale(get_language() or settings.LANGUAGE_CODE))


def country_choices():
    """``[(code, name)]`` of every country, named and sorted in the active language."""
    territories = _locale().territories
    rows = [(code, name) for code, name in territories.items() if len(code) == 2 and code.isalpha()]
    return sorted(((code, name) for code, name in rows if code not in NOT_COUNTRIES), key=lambda row: row[1])


def country_name(code, language=None):
    if not code:
        return ""
    locale = Locale.parse(to_locale(language)) if language else _locale()
    return locale.territories.get(code.upper(), code)


def normalise_tax_id(value):
    """Spaces, dots and dashes out, upper case: "es b-1234567 8" -> "ESB12345678"."""
    return re.sub(r"[\s.\-]", "", value or "").upper()


def vat_shape_is_wrong(tax_id, country):
    """True when ``country`` is in the EU and ``tax_id`` (normalised) is not shaped like its
    VAT numbers (with or without its country prefix). Other countries: not checked."""
    prefix = VAT_PREFIX.get(country, country)
    shape = EU_VAT_SHAPES.get(prefix)
    if not shape or not tax_id:
        return False
    number = tax_id[len(prefix) :] if tax_id.startswith(prefix) else tax_id
    return re.fullmatch(f"(?:{shape})", number) is None
