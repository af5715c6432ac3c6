"""The registry of page types the site search lists, so other apps join it without the
search app naming them.

``register_searchable_page_type`` (a Wagtail hook)
    The function takes nothing and returns a ``SearchablePageType``. The search lists the
    live, public pages of that model in the visitor's language, ranked by Wagtail's search
    backend over the model's ``search_fields`` (so the model declares what is searched:
    ``index.SearchField("summary")``…). A blog app would add, in ``blog/wagtail_hooks.py``::

        @hooks.register("register_searchable_page_type")
        def blog_posts():
            return SearchablePageType(
                key="post", label=_("Blog posts"), model="blog.BlogPage", icon="newspaper",
                summary=lambda page: page.introduction,
                facets=lambda pages, filters: pages if not filters else pages.none(),
            )

Fields of ``SearchablePageType``:

``key``      the ``?type=`` value (short, stable, URL-safe)
``label``    the plural name in the type filter (translatable)
``model``    ``"app_label.ModelName"`` of a page model
``icon``     the icon shown beside each result: a name in the site's sprite (``core/icons.py``)
``summary``  ``page -> str``: the PUBLIC summary shown under the title to everyone (never
             text only some visitors may read)
``facets``   ``(queryset of the model's pages, filters) -> queryset``: narrow to the pages
             that match the filters set (a dict with any of ``category`` (slug), ``level``,
             ``language``, ``price`` ("free"/"paid")); return ``pages.none()`` for a filter
             the type does not have. No filter set: return ``pages``.
``excerpt``  optional ``page -> str``: more text to show (highlighted) to visitors whom the
             access rule lets open the page; None: the summary only.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from wagtail import hooks

HOOK = "register_searchable_page_type"


@dataclass(frozen=True)
class SearchablePageType:
    key: str
    label: str
    model: str
    icon: str
    summary: Callable
    facets: Callable
    excerpt: Callable = None

    @property
    def model_class(self):
        return apps.get_model(self.model)


def searchable_page_types():
    """Every registered type, in registration order (one per key: the first wins)."""
    types = {}
    for register in hooks.get_hooks(HOOK):
        page_type = register()
        if page_type is not None:
            types.setdefault(page_type.key, page_type)
    return list(types.values())


def page_type_of(page, types):
    """The registered type a (specific) page belongs to, or None."""
    for page_type in types:
        if isinstance(page, page_type.model_class):
            return page_type
    return None


def page_type_of_model(model, types):
    """The registered type whose model is or is a parent of ``model``, or None."""
    for page_type in types:
        if issubclass(model, page_type.model_class):
            return page_type
    return None
