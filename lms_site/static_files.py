"""Which static files ``collectstatic`` ships.

The ``fontawesomefree`` package brings about 9,800 files (every icon as SVG, sprites,
metadata, LESS/SCSS sources, JavaScript kits); Aula's pages use one stylesheet of it
(``css/all.min.css``) and the web fonts that stylesheet names. Hashing and compressing
the rest took most of ``collectstatic``'s six minutes, so the app finder leaves it out
of what ``collectstatic`` lists (``find`` still answers for any file, as Django's does).
"""

from django.contrib.staticfiles import finders

_FOLDERS = ("svgs", "sprites", "metadata", "less", "scss", "js", "js-packages", "otfs", "assetTemplates")
_STYLESHEETS = ("all.css", "brands*", "fontawesome*", "regular*", "solid*", "svg-with-js*", "v4-*", "v5-*")
UNUSED_FONT_AWESOME = [
    *(f"fontawesomefree/{folder}/*" for folder in _FOLDERS),
    *(f"fontawesomefree/css/{name}" for name in _STYLESHEETS),
    "fontawesomefree/*.md",
]


class AppDirectoriesFinder(finders.AppDirectoriesFinder):
    def list(self, ignore_patterns):
        return super().list([*(ignore_patterns or []), *UNUSED_FONT_AWESOME])
