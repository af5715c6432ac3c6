"""``{% resource_body page %}``: a resource's body, each block in its wrapper.

Most blocks render the same for every visitor of a page in a language (text, markdown,
figures, players, files, links, embeds): their ``Meta`` says ``same_for_everyone = True``
and their HTML is rendered once per page, block, host and language until the next change
(``shared_fragments``). The others (an evaluation shows the visitor's attempts and time
zone) render on every request. Previews (drafts) render afresh.
"""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from caching.shared import page_scopes, renders_afresh, shared_fragments

register = template.Library()


def _same_for_everyone(block):
    return bool(getattr(block.block.meta, "same_for_everyone", False))


@register.simple_tag(takes_context=True)
def resource_body(context, page):
    request = context.get("request")
    blocks = [(f"body:{page.pk}:{block.id}", block) for block in page.body]
    flat = []  # the context as blocks take it, flattened only if one renders here

    def render(block):
        if not flat:
            flat.append(context.flatten())
        return block.render(flat[0])

    shared = {}
    if not renders_afresh(request):
        same = {name: block for name, block in blocks if _same_for_everyone(block)}
        shared = shared_fragments(
            request, list(same), lambda missing: {n: str(render(same[n])) for n in missing}, page_scopes(page)
        )
    rendered = []
    for name, block in blocks:
        html = mark_safe(shared[name]) if name in shared else render(block)
        rendered.append((block.block_type, html))
    return format_html_join("", '<div class="resource-block resource-block-{}">{}</div>', rendered)
