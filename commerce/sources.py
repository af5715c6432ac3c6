"""A program's rules (its price and its list of courses) are the program's as authored,
in its source locale, whatever a translation's row says — like courses (courses/sources.py)."""

from wagtail_localize.models import TranslationSource


def source_program(program):
    if program is None or not program.pk:
        return program
    if "_source_program" not in program.__dict__:
        from .models import ProgramPage

        origin = TranslationSource.objects.filter(object_id=program.translation_key).order_by("created_at").first()
        source = None
        if origin is not None and origin.locale_id != program.locale_id:
            source = ProgramPage.objects.filter(
                translation_key=program.translation_key, locale_id=origin.locale_id
            ).first()
        program.__dict__["_source_program"] = source or program
    return program.__dict__["_source_program"]
