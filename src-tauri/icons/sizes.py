"""Makes the icon in every size a Linux desktop looks for (16 to 512 pixels) from icon.png.

Run once after icon.png changes: python3 src-tauri/icons/sizes.py (needs Pillow). The sizes
are committed; the .deb (src-tauri/packaging/deb.sh) installs each under hicolor.
"""

from pathlib import Path

from PIL import Image

HERE = Path(__file__).parent
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

source = Image.open(HERE / "icon.png").convert("RGBA")
for size in SIZES:
    source.resize((size, size), Image.Resampling.LANCZOS).save(HERE / f"{size}x{size}.png", optimize=True)
