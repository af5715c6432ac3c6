"""What renews what: each app declares it in its own ``renewals.py``, read at start-up.

An app attaches to caching by declaring, never by calling the cache from a rule:

* ``renews(Model, scopes_of)``: saving or deleting a ``Model`` row renews
  ``scopes_of(row)`` (a list of scopes, ``caching.scopes``). For example a review renews
  its course and the catalog's cards; an enrollment renews its student's personal cache.
* ``renews_on_m2m(through, scopes_of)``: the same for a many-to-many table
  (``scopes_of(instance)`` gets the instance whose relation changed).
* ``page_scopes(depends_on, renews)``: for the pages an app owns, what their cached copy
  depends on (``depends_on(page)``: read *before* the page is, so it must use only what
  never changes — its tree path or translation key) and what publishing, unpublishing or
  deleting one renews (``renews(page)``). A page nobody declares depends on and renews
  ``SITE``; a moved or renamed page always renews ``SITE`` (links to it are everywhere).

* ``read_with_user(*scopes)``: scopes of an app's own that most signed-in requests read
  (``events``, ``announcements``): their tokens are read in the round trip of the signed-in
  user's own (``CATALOG`` and ``PERMISSIONS`` are already), not one round trip each.

**Bulk writes** that bypass save signals (``QuerySet.update``, imports) renew through one
call: ``renew_rows(Model, rows)`` applies ``Model``'s declarations to each row (or
``caching.scopes.renew(...)`` when the writer knows the scopes).
"""

from django.utils.module_loading import autodiscover_modules

from . import scopes

_model_rules = {}  # model -> [scopes_of, ...]
_page_rules = []  # [(depends_on, renews), ...]
_m2m_receivers = []  # signals keep weak references: the receivers are kept here


def read_with_user(*names):
    scopes.read_with_user(*names)


def renews(model, scopes_of):
    _model_rules.setdefault(model, []).append(scopes_of)
    from django.db.models.signals import post_delete, post_save

    for signal in (post_save, post_delete):
        signal.connect(_renew_instance, sender=model, dispatch_uid=f"aula-renews-{model._meta.label}-{signal}")


def renews_on_m2m(through, scopes_of):
    from django.db.models.signals import m2m_changed

    def renew_relation(sender, instance, action, **kwargs):
        if action.startswith("post_"):
            scopes.renew(*scopes_of(instance))

    _m2m_receivers.append(renew_relation)
    m2m_changed.connect(renew_relation, sender=through, dispatch_uid=f"aula-renews-m2m-{through._meta.label}")


def page_scopes(depends_on, renews):
    """``depends_on(page)`` / ``renews(page)`` return a list of scopes, or None when the
    page is not theirs to answer (the next declaration is asked)."""
    _page_rules.append((depends_on, renews))


def scopes_of_rows(model, rows):
    found = []
    for rule in _model_rules.get(model, ()):
        for row in rows:
            found.extend(rule(row))
    return found


def renew_rows(model, rows):
    """The one call for a bulk write that bypasses save signals."""
    scopes.renew(*scopes_of_rows(model, rows))


def page_depends_on(page):
    for depends_on, _renews in _page_rules:
        found = depends_on(page)
        if found is not None:
            return found
    return []


def page_change_renews(page):
    for _depends_on, renews_ in _page_rules:
        found = renews_(page)
        if found is not None:
            return found
    return [scopes.SITE]


def _renew_instance(sender, instance, **kwargs):
    scopes.renew(*scopes_of_rows(sender, [instance]))


def _renew_page(sender, instance, **kwargs):
    """A page published, unpublished or deleted (each signal sends the specific page)."""
    scopes.renew(*page_change_renews(instance))


def _renew_site(**kwargs):
    scopes.renew(scopes.SITE)


def connect():
    """Read every app's ``renewals`` module and connect Wagtail's page signals."""
    from django.db.models.signals import post_delete
    from wagtail.models import get_page_models
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    page_published.connect(_renew_page, dispatch_uid="aula-renews-page-published")
    page_unpublished.connect(_renew_page, dispatch_uid="aula-renews-page-unpublished")
    post_page_move.connect(_renew_site, dispatch_uid="aula-renews-page-moved")
    page_slug_changed.connect(_renew_site, dispatch_uid="aula-renews-page-slug")
    for model in get_page_models():
        post_delete.connect(_renew_page, sender=model, dispatch_uid=f"aula-renews-{model._meta.label}-deleted")
    autodiscover_modules("renewals")
