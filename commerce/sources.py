"""A program's rules (its price and its list of courses) are the program's as authored,
in its source locale, whatever a translation's row says — like courses (courses/sources.py):
the version in the locale of its wagtail-localize ``TranslationSource``, else (a copy made
by code) its first version."""

from wagtail_localize.models import TranslationSource


def source_program(program):
    if program is None or not program.pk:
        return program
    if "_source_program" not in program.__dict__:
        from .models import ProgramPage

        versions = ProgramPage.objects.filter(translation_key=program.translation_key)
        origin = TranslationSource.objects.filter(object_id=program.translation_key).order_by("created_at").first()
        if origin is not None and origin.locale_id == program.locale_id:
            source = program  # the program as authored: no other version to read
        else:
            source = versions.filter(locale_id=origin.locale_id).first() if origin is not None else None
            source = source or versions.order_by("pk").first()
        program.__dict__["_source_program"] = program if source is None or source.pk == program.pk else source
    return program.__dict__["_source_program"]
