"""Segment labels in wagtail-localize's translation editor, from the blocks themselves.

wagtail-localize labels a StreamField segment with its block's label and, one level down,
the label of the child block it sits in ("Evaluation" / "Questions"): every question,
choice and accepted answer of an evaluation would read the same. A block that knows better
says it with ``segment_label(value, path)`` (``path``: the segment's place inside the block,
as ids and child names); its answer becomes the segment's label ("Question 2 · Choice B").

wagtail-localize has no hook for this: ``install()`` (HomeConfig.ready) wraps its
``get_segment_location_info``, the one function that makes the labels, and keeps its answer
whenever the block says nothing.
"""

from wagtail.fields import StreamField


def _block_label(source_instance, content_path):
    components = content_path.split(".")
    if len(components) < 3:
        return None
    try:
        field = source_instance._meta.get_field(components[0])
    except Exception:  # not a model field (an inline panel's): wagtail-localize's label stands
        return None
    if not isinstance(field, StreamField):
        return None
    stream = field.value_from_object(source_instance)
    child = next((child for child in stream if child.id == components[1]), None)
    labeller = getattr(child.block, "segment_label", None) if child is not None else None
    return labeller(child.value, components[2:]) if labeller else None


def install():
    from wagtail_localize.views import edit_translation

    original = edit_translation.get_segment_location_info
    if getattr(original, "aula_labels", False):
        return

    def get_segment_location_info(source_instance, tab_helper, content_path, field_path, widget=False):
        info = original(source_instance, tab_helper, content_path, field_path, widget=widget)
        label = _block_label(source_instance, content_path)
        if label:
            info["subField"] = str(label)
        return info

    get_segment_location_info.aula_labels = True
    edit_translation.get_segment_location_info = get_segment_location_info
