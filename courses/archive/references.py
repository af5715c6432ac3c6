"""References from a course's content to other objects, rewritten between a site's ids and
the archive's.

A StreamField's stored JSON holds chooser values as ids (an image's, a document's, a
video's, a caption track's); rich text holds ``<a linktype="document" id="5">`` and
``<embed embedtype="image" id="3"/>``. In the archive these become archive ids
(``{"file": "image-3"}``, ``id="image-3"``), and a link to a page of the course becomes
``{"page": "<translation key>"}`` / ``id="page-<translation key>"``. Exporting and
importing walk the same block definitions with a different ``Mapper``.
"""

import re

from wagtail import blocks
from wagtail.images.blocks import ImageBlock

_TAG = re.compile(r"<(a|embed)\b([^>]*)>")
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


class Mapper:
    """What a walk does with each reference: ``chooser(model, value)`` returns the new
    value of a chooser (``None`` when it points nowhere), ``rich_text(kind, id)`` the new
    id of a rich-text reference (``kind``: "page", "document", "image"; "" when it points
    nowhere)."""

    def chooser(self, model, value):
        raise NotImplementedError

    def rich_text_id(self, kind, value):
        raise NotImplementedError

    def rich_text(self, html):
        return _TAG.sub(lambda match: self._tag(match), html or "")

    def _tag(self, match):
        attributes = dict(_ATTRIBUTE.findall(match[2]))
        kind = attributes.get("linktype") if match[1] == "a" else attributes.get("embedtype")
        if kind not in ("page", "document", "image") or "id" not in attributes:
            return match[0]
        new_id = self.rich_text_id(kind, attributes["id"]) or ""
        return match[0].replace(f'id="{attributes["id"]}"', f'id="{new_id}"', 1)


def map_stream(stream_block, raw, mapper):
    """The stored JSON of a StreamField (a list of ``{"type", "value", "id"}``), mapped."""
    return _map(stream_block, list(raw or []), mapper)


def _map(block, raw, mapper):
    if isinstance(block, blocks.ChooserBlock):
        return None if raw is None else mapper.chooser(target_model(block), raw)
    if isinstance(block, ImageBlock) and not isinstance(raw, dict):  # an older ImageChooserBlock value
        return _map(block.child_blocks["image"], raw, mapper)
    if isinstance(block, blocks.StreamBlock):
        mapped = []
        for item in raw or []:
            child = block.child_blocks.get(item.get("type")) if isinstance(item, dict) else None
            if child is None:
                mapped.append(item)  # refused by the importer's check (unknown block)
            else:
                mapped.append({**item, "value": _map(child, item.get("value"), mapper)})
        return mapped
    if isinstance(block, blocks.ListBlock):
        mapped = []
        for item in raw or []:
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                mapped.append({**item, "value": _map(block.child_block, item["value"], mapper)})
            else:
                mapped.append(_map(block.child_block, item, mapper))
        return mapped
    if isinstance(block, blocks.StructBlock):
        if not isinstance(raw, dict):
            return raw
        return {
            name: _map(block.child_blocks[name], value, mapper) if name in block.child_blocks else value
            for name, value in raw.items()
        }
    if isinstance(block, blocks.RichTextBlock):
        return mapper.rich_text(raw) if isinstance(raw, str) else raw
    return raw


def target_model(block):
    """A chooser block's model (wagtailmedia's may name it as "app.Model")."""
    from wagtail.coreutils import resolve_model_string

    return resolve_model_string(block.target_model)


def block_at(stream_block, raw, parts):
    """The block definition at ``parts`` (a wagtail-localize segment path below the field,
    split on dots: block ids, child names, list item ids), or None."""
    block, value = stream_block, raw
    for part in parts:
        if isinstance(block, blocks.StreamBlock):
            item = next((i for i in value or [] if isinstance(i, dict) and i.get("id") == part), None)
            if item is None or item.get("type") not in block.child_blocks:
                return None
            block, value = block.child_blocks[item["type"]], item.get("value")
        elif isinstance(block, blocks.ListBlock):
            item = next((i for i in value or [] if isinstance(i, dict) and i.get("id") == part), None)
            if item is None:
                return None
            block, value = block.child_block, item.get("value")
        elif isinstance(block, blocks.StructBlock):
            if part not in block.child_blocks:
                return None
            block, value = block.child_blocks[part], (value or {}).get(part) if isinstance(value, dict) else None
        else:
            return None
    return block


def map_override(page, path, data, mapper):
    """A wagtail-localize segment override (``path``: the field, then the place inside a
    StreamField; ``data``: its value, an id or a list of ids for choosers), mapped."""
    from modelcluster.fields import ParentalManyToManyField
    from wagtail.fields import StreamField

    name, *parts = path.split(".")
    try:
        field = page._meta.get_field(name)
    except Exception:
        return data
    if isinstance(field, StreamField):
        block = block_at(field.stream_block, page.body.raw_data if name == "body" else getattr(page, name).raw_data,
                         parts)  # fmt: skip
        if block is None:
            return data
        return _map(block, data, mapper)
    if isinstance(field, ParentalManyToManyField):
        return [mapper.chooser(field.related_model, value) for value in data or []]
    if getattr(field, "many_to_one", False) and data is not None:
        return mapper.chooser(field.related_model, data)
    return data
