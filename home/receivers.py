"""Signal receivers of the home app (connected in ``HomeConfig.ready``)."""

from .translation_roles import open_language_tree


def language_tree_created(sender, instance, created, raw=False, **kwargs):
    """A new language's home page (a translation of the home page) opens its tree to the
    roles (home/translation_roles.py)."""
    if created and not raw:
        open_language_tree(instance)


def source_page_published(sender, instance, **kwargs):
    """A page published in a translated tree (a resource added to a translated course)
    reaches its parent's translations as a draft wagtail-localize translation."""
    from .translators import translate_new_page

    translate_new_page(instance, user=kwargs.get("revision") and kwargs["revision"].user)
