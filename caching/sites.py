"""The site's ``Site`` rows, read once per request with the caches off (once per change of
the site with them on): which site answers a request, which is the default, what the frame
and page URLs need. Wagtail reads them in a query each time — the site of the request, the
site root paths, the default site of a canonical URL — three or four per render."""

from django.http.request import split_domain_port
from wagtail.models import Site

FIELDS = ("id", "hostname", "port", "site_name", "root_page_id", "is_default_site")


def site_rows():
    """``((id, hostname, port, site_name, root_page_id, is_default_site), …)`` of every site,
    in Wagtail's order (by name, then host name)."""
    from .shared import shared_value

    return shared_value(None, "sites", lambda: tuple(Site.objects.values_list(*FIELDS)))


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
