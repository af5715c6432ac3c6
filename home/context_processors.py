from .models import SiteSettings
from .themes import BOOTSTRAP_COLOR_MODE, DEFAULT_THEME, is_theme


def theme(request):
    """The theme to render with: a preview's override, else the site setting."""
    key = getattr(request, "theme_override", None)
    if not is_theme(key):
        try:
            key = SiteSettings.for_request(request).theme
        except Exception:  # no site matches the request (e.g. an error page): use the default
            key = DEFAULT_THEME
    if not is_theme(key):
        key = DEFAULT_THEME
    return {"theme": key, "color_mode": BOOTSTRAP_COLOR_MODE[key]}
