"""The site's themes: CSS custom properties over Bootstrap 5 (see static/css/themes.css)."""

from django.utils.translation import gettext_lazy as _

DEFAULT_THEME = "aula"

THEMES = [
    ("aula", _("Aula (light)")),
    ("night", _("Night (dark)")),
    ("ocean", _("Ocean")),
    ("contrast", _("High contrast")),
]

# Bootstrap's own colour mode for each theme: dark themes use Bootstrap's dark palette.
BOOTSTRAP_COLOR_MODE = {"aula": "light", "night": "dark", "ocean": "light", "contrast": "light"}


def is_theme(key):
    return key in BOOTSTRAP_COLOR_MODE
