"""Writes the sample photos the app offers on a first visit (public/samples/) from scikit-image's
sample data, as shipped by Debian's python3-skimage package (public domain or CC0: see
public/samples/LICENSE.md, which quotes each image's licence from the package's _fetchers.py).

    apt-get download python3-skimage && dpkg-deb -x python3-skimage_*.deb skimage-deb
    /usr/bin/python3 scripts/samples/make_samples.py skimage-deb/usr/lib/python3/dist-packages/skimage/data

Small on purpose (448 px on the longer side, ~115 kB in all): CLIP sees 224x224 anyway, and every
student's browser downloads them.
"""

import os
import sys

from PIL import Image

# (file in skimage/data, file in public/samples); JPEG for photos, PNG for the silhouette.
SAMPLES = [
    ("chelsea.png", "cat.jpg"),
    ("coffee.png", "coffee.jpg"),
    ("astronaut.png", "astronaut.jpg"),
    ("rocket.jpg", "rocket.jpg"),
    ("horse.png", "horse.png"),
]
LONGER_SIDE = 448
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "public", "samples")


def main(data_dir: str) -> None:
    for source, target in SAMPLES:
        image = Image.open(os.path.join(data_dir, source))
        image = image.convert("L" if target.endswith(".png") else "RGB")
        image.thumbnail((LONGER_SIDE, LONGER_SIDE), Image.LANCZOS)
        path = os.path.join(OUT, target)
        if target.endswith(".png"):
            image.save(path, optimize=True)
        else:
            image.save(path, quality=82, optimize=True, progressive=True)
        print(f"{path}: {image.size[0]}x{image.size[1]}, {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
