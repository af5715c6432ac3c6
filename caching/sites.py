"""The site's ``Site`` rows, read once per request with the caches off (once per change of
the site with them on): which site answers a request, which is the default, what the frame
and page URLs need. Wagtail reads them in a query each time — the site of the request, the
site root paths, the default site of a canonical URL — three or four per render.

The same query brings each site's row of the site settings every page shows (a
``SharedSiteSetting`` with ``read_with_sites``: the site's name, theme and logo), which
cost a query of their own on every render with the caches off."""

from dataclasses import dataclass, field

from django.http.request import split_domain_port
from wagtail.models import Site

FIELDS = ("id", "hostname", "port", "site_name", "root_page_id", "is_default_site")


@dataclass(frozen=True)
class Sites:
    rows: tuple  # (id, hostname, port, site_name, root_page_id, is_default_site), in Wagtail's order
    settings: dict = field(default_factory=dict)  # {(setting's label, site id): its row, None if not made}


def site_rows():
    """``((id, hostname, port, site_name, root_page_id, is_default_site), …)`` of every site,
    in Wagtail's order (by name, then host name)."""
    return _sites().rows


def site_setting(model, site_id):
    """The row of ``model`` (a ``read_with_sites`` site setting) for the site, as read with
    the sites; None when it has not been made yet (``for_site`` makes it)."""
    return _sites().settings.get((model._meta.label, site_id))


def _sites():
    from .shared import shared_value

    return shared_value(None, "sites-and-settings", _read)


def _read():
    from .shared_settings import read_with_sites

    models = read_with_sites()
    accessors = [model._meta.get_field("site").remote_field.get_accessor_name() for model in models]
    rows, settings = [], {}
    for site in Site.objects.select_related(*accessors):
        rows.append((site.pk, site.hostname, site.port, site.site_name, site.root_page_id, site.is_default_site))
        for model, accessor in zip(models, accessors, strict=True):
            row = getattr(site, accessor, None)  # a missing reverse one-to-one raises an AttributeError
            if row is not None:
                row._state.fields_cache.pop("site", None)  # kept without its site: a plain row
            settings[(model._meta.label, site.pk)] = row
    return Sites(rows=tuple(rows), settings=settings)


def default_site_id():
    return next((row[0] for row in site_rows() if row[5]), None)


def site_for_request(request):
    """The ``Site`` Wagtail's ``Site.find_for_request`` finds for ``request`` (its
    ``get_site_for_hostname``: the host and port, else the host with the default site, else
    the default site unless exactly one other site has the host name), or None."""
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    try:
        port = int(port)
    except (TypeError, ValueError):
        port = None
    ranked = []
    for row in site_rows():
        _id, host, site_port, _name, _root, is_default = row
        if host == hostname and site_port == port:
            rank = 0
        elif host == hostname and is_default:
            rank = 1
        elif is_default:
            rank = 2
        elif host == hostname:
            rank = 3
        else:
            continue
        ranked.append((rank, row))
    if not ranked:
        return None
    ranked.sort(key=lambda pair: pair[0])
    if len(ranked) == 1 or ranked[0][0] in (0, 1):
        chosen = ranked[0][1]
    elif ranked[0][0] == 2:
        chosen = ranked[len(ranked) == 2][1]
    else:  # several sites with the host name, none of them default nor on this port
        return None
    return Site.from_db("default", list(FIELDS), list(chosen))
