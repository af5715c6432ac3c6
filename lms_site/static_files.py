"""Which static files ``collectstatic`` ships.

The ``fontawesomefree`` package brings about 9,800 files (every icon as SVG, sprites,
metadata, LESS/SCSS sources, JavaScript kits); Aula's pages use one stylesheet of it
(``css/all.min.css``) and the web fonts that stylesheet names. Hashing and compressing
the rest took most of ``collectstatic``'s six minutes, so it is left out here: Django's
documented way of changing the ignored patterns is this subclass of its app config.
"""

from django.contrib.staticfiles.apps import StaticFilesConfig as DjangoStaticFilesConfig

UNUSED_FONT_AWESOME = [
    f"fontawesomefree/{folder}/*"
    for folder in ("svgs", "sprites", "metadata", "less", "scss", "js", "js-packages", "otfs", "assetTemplates")
]


UNUSED_FONT_AWESOME += [
    f"fontawesomefree/css/{name}"
    for name in ("all.css", "brands*", "fontawesome*", "regular*", "solid*", "svg-with-js*", "v4-*", "v5-*")
]


class StaticFilesConfig(DjangoStaticFilesConfig):
    ignore_patterns = [*DjangoStaticFilesConfig.ignore_patterns, *UNUSED_FONT_AWESOME, "fontawesomefree/*.md"]
