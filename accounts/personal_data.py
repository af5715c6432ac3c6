"""What Aula holds about a person, app by app: the registry behind "Your data" (the export)
and account deletion. accounts owns the person; each app declares what it keeps about
them in its own ``personal_data.py`` (read on first use, like ``renewals.py``), without
accounts importing it::

    # courses/personal_data.py
    from accounts.personal_data import PersonalData, records, register

    register(PersonalData(
        "learning",
        covers=["courses.Enrollment.user", "courses.Review.user"],
        keeps={"courses.Invitation.created_by": "who sent an invitation: a staff record"},
        export=lambda user: {"enrollments": records(Enrollment.objects.filter(user=user), "course_key", ...)},
        files=lambda user: [("certificates/ABC.pdf", certificate.pdf)],
        erase=erase_learning,
    ))

* ``section``: the key of the app's part of the export (``personal-data.json``);
* ``covers``: every user reference (``"app_label.Model.field"``, a foreign key, one-to-one
  or many-to-many to the user model) that holds the person's data: ``export`` puts what it
  holds in the file and ``erase`` erases or anonymises it when the account is deleted;
* ``keeps``: user references that are *not* the person's data (a staff member's name on
  what they did: who graded, who approved, who authored a page), each with the reason.
  They stay; they show "deleted user" once the account is anonymised;
* ``export(user)``: a JSON-serialisable dict (dates, decimals and UUIDs are fine);
* ``files(user)``: ``[(name in the zip, FieldFile or bytes)]`` (certificate PDFs, invoices);
* ``erase(user, choices)``: called inside the deletion's transaction, before the user row
  is anonymised; ``choices`` is a ``DeletionChoices``. A bulk write that bypasses save
  signals renews what it changes with ``caching.registry.renew_rows`` (never the cache).

``accounts/tests/test_personal_data_coverage.py`` fails, naming the field, when a model
holds a user reference that no provider covers or keeps: a new model must say here what
happens to it."""

from dataclasses import dataclass, field

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class DeletionChoices:
    """What the holder chose when deleting their account."""

    keep_certificates: bool = False  # kept verifiable (holder's name as issued) or revoked


@dataclass(frozen=True)
class PersonalData:
    section: str
    covers: tuple = ()
    keeps: dict = field(default_factory=dict)
    export: object = None
    files: object = None
    erase: object = None

    def __post_init__(self):
        object.__setattr__(self, "covers", tuple(self.covers))
        if self.covers and (self.export is None or self.erase is None):
            raise ValueError(f"PersonalData {self.section}: what it covers needs an export and an erase")


_providers = {}
_discovered = False


def register(provider):
    """Declare ``provider`` (once per section)."""
    if provider.section in _providers and _providers[provider.section] != provider:
        raise ValueError(f"Personal data section {provider.section} is declared twice")
    _providers[provider.section] = provider
    return provider


def providers():
    """Every provider, by section (the apps' ``personal_data.py`` read on first use)."""
    global _discovered
    if not _discovered:
        from . import own_personal_data  # noqa: F401  accounts' own, and Django's, Wagtail's, allauth's

        autodiscover_modules("personal_data")
        _discovered = True
    return [_providers[section] for section in sorted(_providers)]


def covered_references():
    """``{"app_label.Model.field": (section, None or the reason it is kept)}``."""
    covered = {}
    for provider in providers():
        for reference in provider.covers:
            covered[reference] = (provider.section, None)
        for reference, reason in provider.keeps.items():
            covered[reference] = (provider.section, reason)
    return covered


def user_references():
    """Every field of every installed model (Wagtail's, allauth's, django-q's included)
    that points at the user model, as ``"app_label.Model.field"``; a field inherited from a
    concrete parent (a page's ``owner``) is named on the parent only."""
    from django.apps import apps
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    references = []
    for model in apps.get_models():
        for model_field in model._meta.get_fields():
            if model_field.auto_created or not model_field.is_relation or model_field.model is not model:
                continue
            if model_field.related_model is user_model:
                references.append(f"{model._meta.label}.{model_field.name}")
    return sorted(references)


def records(queryset, *fields):
    """The rows of ``queryset`` as plain dicts of ``fields`` (for an export)."""
    return list(queryset.values(*fields))
