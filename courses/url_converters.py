"""``<id:...>`` in a URL: a database id, 1 to 18 digits (every 18-digit number fits a 64-bit
integer). A longer number does not match the URL, so it is a 404, instead of an
OverflowError from SQLite (a 500) when the id reaches a query Django does not range-check
(a page's id is a one-to-one link to its Page row)."""

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")
