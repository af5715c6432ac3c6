"""``{% shared "name" key … %}…{% endshared %}``: a part of a page that is the same for
every visitor (a course's landing text, a lesson's heading) rendered once per host,
language, time zone and names until the page's scopes are renewed (``caching.shared``), then
reused by every signed-in visitor's page. The names tell the versions apart: whatever
inside depends on the visitor (done or not, a flag) must be among them, or it leaks to
the next visitor. Two things are put in as each response is served (``caching.kept_html``):
``{% csrf_token %}`` (each visitor's own) and ``{{ moment|timesince_as_served }}`` (how long
ago, as of now; ``timeuntil_as_served``: how long until). A key that is empty (``page.pk``
on a view outside the page tree) renders afresh, as do previews (drafts).
"""

from django import template
from django.utils import timezone

from caching.kept_html import CSRF_MARK, as_served, timesince_mark, timeuntil_mark
from caching.shared import page_scopes, renders_afresh, shared_fragment

register = template.Library()


class SharedNode(template.Node):
    def __init__(self, nodelist, names):
        self.nodelist = nodelist
        self.names = names

    def render(self, context):
        request = context.get("request")
        if renders_afresh(request):
            return as_served(self.nodelist.render(context))
        parts = [name.resolve(context) for name in self.names]
        if any(part in (None, "") for part in parts):  # no key (a view outside the page tree): no sharing
            return as_served(self.nodelist.render(context))
        name = f"shared:{':'.join(map(str, parts))}:{timezone.get_current_timezone_name()}"
        scopes = page_scopes(context.get("page"))  # a lesson's parts are its course's
        html = shared_fragment(request, name, lambda: self._render_without_token(context), scopes)
        return as_served(html, context.get("csrf_token", ""))  # a form inside: the visitor's own token

    def _render_without_token(self, context):
        with context.push(csrf_token=CSRF_MARK):  # a form may be shared, its token never is
            return str(self.nodelist.render(context))


@register.tag("shared")
def do_shared(parser, token):
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% shared %} needs a name, and keys that tell its versions apart.")
    nodelist = parser.parse(("endshared",))
    parser.delete_first_token()
    return SharedNode(nodelist, [parser.compile_filter(bit) for bit in bits])


@register.filter
def timesince_as_served(moment):
    """How long ago ``moment`` was, put in as the kept HTML around it is served
    (``caching.kept_html``): only inside ``{% shared %}`` or HTML rendered by ``render_to_keep``."""
    return timesince_mark(moment)


@register.filter
def timeuntil_as_served(moment):
    """How long until ``moment``, put in as served (as ``timesince_as_served``)."""
    return timeuntil_mark(moment)
