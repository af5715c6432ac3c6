"""``manage.py build_icons`` (``make icons``): write the SVG sprite of the icons in ``core.icons.ICONS``."""

import importlib.util
import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.icons import ICONS, SPRITE

LICENSE = (
    "Icons: Font Awesome Free {version} by @fontawesome - https://fontawesome.com"
    " License - https://fontawesome.com/license/free (Icons: CC BY 4.0)"
)


def font_awesome_svgs():
    package = importlib.util.find_spec("fontawesomefree")
    if package is None:
        raise CommandError("Building the icons needs the fontawesomefree package (pip install -r requirements.txt).")
    return Path(list(package.submodule_search_locations)[0]) / "static" / "fontawesomefree" / "svgs"


def symbol(name, source):
    text = source.read_text()
    view_box = re.search(r'viewBox="([^"]+)"', text).group(1)
    paths = "".join(re.findall(r"<path [^>]*/>", text))
    return f'<symbol id="{name}" viewBox="{view_box}">{paths}</symbol>'


class Command(BaseCommand):
    help = "Write lms_site/static/icons/sprite.svg: the Font Awesome icons named in core.icons.ICONS."

    def handle(self, *args, **options):
        svgs = font_awesome_svgs()
        missing = [f"{name} ({path})" for name, path in ICONS.items() if not (svgs / f"{path}.svg").exists()]
        if missing:
            raise CommandError(f"Not in Font Awesome Free: {', '.join(missing)}")
        version = re.search(r"Font Awesome Free ([\d.]+)", (svgs / "solid" / "lock.svg").read_text()).group(1)
        symbols = "\n".join(symbol(name, svgs / f"{path}.svg") for name, path in sorted(ICONS.items()))
        sprite = (
            f'<svg xmlns="http://www.w3.org/2000/svg"><!-- {LICENSE.format(version=version)} -->\n{symbols}\n</svg>\n'
        )
        target = Path(settings.BASE_DIR) / "lms_site" / "static" / SPRITE
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(sprite)
        self.stdout.write(f"{len(ICONS)} icons, {len(sprite.encode())} bytes: {target}")
