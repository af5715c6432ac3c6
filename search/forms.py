from django import forms
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    """The search page's query and filters (GET). A value that is not offered is dropped
    with a message; the search runs with the rest."""

    q = forms.CharField(label=_("Search for"), max_length=MAX_QUERY_LENGTH, required=False, strip=True)
    type = forms.ChoiceField(label=_("Type"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    price = forms.ChoiceField(
        label=_("Price"), required=False, choices=[("", _("Any price")), ("free", _("Free")), ("paid", _("Paid"))]
    )

    FILTERS = ("type", "category", "level", "language", "price")

    def __init__(self, *args, page_types=(), categories=(), levels=(), languages=(), **kwargs):
        """``categories``: ``(slug, name)`` pairs."""
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off", "spellcheck": "false"})
        self.fields["type"].choices = [("", _("Everything"))] + [(t.key, t.label) for t in page_types]
        self.fields["category"].choices = [("", _("All categories"))] + list(categories)
        self.fields["level"].choices = [("", _("Any level"))] + list(levels)
        self.fields["language"].choices = [("", _("Any language"))] + list(languages)

    def search_terms(self):
        """``(query, filters)`` from what is valid; call after ``is_valid()``."""
        data = getattr(self, "cleaned_data", {})
        query = data.get("q", "") if "q" not in self.errors else ""
        filters = {name: data[name] for name in self.FILTERS if data.get(name) and name not in self.errors}
        return query, filters
