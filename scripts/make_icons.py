"""Draws the portal's emblem (a round table with four seats) as the favicon and app icons.

Run once after changing the drawing: ``python scripts/make_icons.py``; the files it writes
under ``cms/static/`` are kept in the repository.
"""

import json
from pathlib import Path

from PIL import Image, ImageDraw

NAVY = "#00365f"
WHITE = "#ffffff"
STATIC = Path(__file__).resolve().parent.parent / "cms" / "static"

SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<rect width="64" height="64" rx="12" fill="{navy}"/>
<circle cx="32" cy="32" r="11" fill="none" stroke="{white}" stroke-width="4"/>
<circle cx="32" cy="12.5" r="4.5" fill="{white}"/><circle cx="32" cy="51.5" r="4.5" fill="{white}"/>
<circle cx="12.5" cy="32" r="4.5" fill="{white}"/><circle cx="51.5" cy="32" r="4.5" fill="{white}"/>
</svg>
"""


def draw(size: int, *, padded: bool = False) -> Image.Image:
    """The emblem on navy, ``size`` pixels square; ``padded`` keeps it inside the safe zone
    of a maskable icon."""
    scale = 8  # drawn large, then reduced, for smooth edges
    unit = size * scale / 64
    image = Image.new("RGBA", (size * scale, size * scale), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if padded:
        pen.rectangle((0, 0, size * scale, size * scale), fill=NAVY)
        unit *= 0.8
    else:
        pen.rounded_rectangle((0, 0, size * scale - 1, size * scale - 1), 12 * unit, fill=NAVY)
    centre = size * scale / 2

    def circle(x, y, r, **style):
        pen.ellipse(
            (centre + (x - 32) * unit - r * unit, centre + (y - 32) * unit - r * unit,
             centre + (x - 32) * unit + r * unit, centre + (y - 32) * unit + r * unit),
            **style,
        )  # fmt: skip

    circle(32, 32, 13, fill=WHITE)
    circle(32, 32, 9, fill=NAVY)
    for x, y in ((32, 12.5), (32, 51.5), (12.5, 32), (51.5, 32)):
        circle(x, y, 4.5, fill=WHITE)
    return image.resize((size, size), Image.LANCZOS)


def main():
    images = STATIC / "img"
    images.mkdir(parents=True, exist_ok=True)
    (images / "emblem.svg").write_text(SVG.format(navy=NAVY, white=WHITE))
    draw(64).save(images / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    draw(180, padded=True).convert("RGB").save(images / "apple-touch-icon.png")
    for size in (192, 512):
        draw(size, padded=True).save(images / f"icon-{size}.png")
    manifest = {
        "name": "Spotkania — Magiczny Kraków",
        "short_name": "Spotkania",
        "icons": [
            {
                "src": f"img/icon-{size}.png",
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": "any maskable",
            }
            for size in (192, 512)
        ],  # fmt: skip
        "theme_color": NAVY,
        "background_color": WHITE,
        "display": "browser",
    }
    (STATIC / "site.webmanifest").write_text(json.dumps(manifest, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
