"""
Makes workers/fixtures/png-transparency/: tiny PNGs with transparency (an alpha channel or a tRNS
chunk) and, in expected.json, the RGB bytes Pillow's Image.convert('RGB') gives for each: what
the reference CLIP preprocessing sees. Browsers hand such images over premultiplied or with the
colour of transparent pixels zeroed, so the app decodes them in JavaScript (workers/decodePng.ts),
and these files check that it matches Pillow.

    /usr/bin/python3 scripts/preprocess-fixtures/make_png_fixtures.py

Needs Debian's python3-pil (Pillow 9.4) and python3-numpy. The PNGs are written by hand (zlib +
chunks) so every colour type / bit depth / tRNS combination is exactly the one named.
Deterministic: the same files come out on every run.
"""
import base64
import json
import os
import struct
import zlib

import warnings

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "workers/fixtures/png-transparency")
W, H = 7, 5


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def pack_row(row, depth):
    if depth == 16:
        return row.astype(">u2").tobytes()
    if depth == 8:
        return row.astype(np.uint8).tobytes()
    per_byte = 8 // depth
    padded = np.zeros(-(-len(row) // per_byte) * per_byte, dtype=np.uint8)
    padded[: len(row)] = row
    out = bytearray()
    for i in range(0, len(padded), per_byte):
        byte = 0
        for value in padded[i : i + per_byte]:
            byte = (byte << depth) | int(value)
        out.append(byte)
    return bytes(out)


def write_png(path, samples, color_type, depth, palette=None, trns=None):
    rows = b"".join(b"\x00" + pack_row(samples[y].reshape(-1), depth) for y in range(samples.shape[0]))
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, depth, color_type, 0, 0, 0))
    if palette is not None:
        data += chunk(b"PLTE", palette)
    if trns is not None:
        data += chunk(b"tRNS", trns)
    data += chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(data)


def main():
    # Pillow suggests RGBA for palettes with transparency; convert("RGB") is what the reference does.
    warnings.filterwarnings("ignore", message="Palette images with Transparency")
    rng = np.random.default_rng(3)
    os.makedirs(OUT, exist_ok=True)
    palette = rng.integers(0, 256, (16, 3)).astype(np.uint8).tobytes()
    alphas = bytes([0, 255, 128, 1, 77, 200, 0, 30])  # the first 8 of 16 entries; the rest opaque
    gray = rng.integers(0, 256, (H, W))
    gray[0, :3] = 7  # the tRNS key below, so some pixels are fully transparent
    rgb = rng.integers(0, 256, (H, W, 3))
    rgb[1, :2] = (10, 20, 30)
    rgb16 = rng.integers(0, 65536, (H, W, 3))
    rgb16[2, :2] = (1000, 20000, 65535)
    rgba = rng.integers(0, 256, (H, W, 4))
    rgba[0, :, 3] = 0  # fully transparent pixels that keep their colour
    cases = {
        "palette8-trns.png": (rng.integers(0, 16, (H, W)), 3, 8, palette, alphas),
        "palette4-trns.png": (rng.integers(0, 16, (H, W)), 3, 4, palette, alphas),
        "gray8-trns.png": (gray, 0, 8, None, struct.pack(">H", 7)),
        "rgb8-trns.png": (rgb, 2, 8, None, struct.pack(">HHH", 10, 20, 30)),
        "rgb16-trns.png": (rgb16, 2, 16, None, struct.pack(">HHH", 1000, 20000, 65535)),
        "rgba8.png": (rgba, 6, 8, None, None),
        "gray-alpha8.png": (rng.integers(0, 256, (H, W, 2)), 4, 8, None, None),
    }
    expected = {}
    for name, (samples, color_type, depth, pal, trns) in cases.items():
        path = os.path.join(OUT, name)
        write_png(path, samples, color_type, depth, pal, trns)
        with Image.open(path) as image:
            rgb_bytes = np.asarray(image.convert("RGB")).tobytes()
        expected[name] = base64.b64encode(rgb_bytes).decode("ascii")
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump({"about": "RGB bytes of Image.open(name).convert('RGB') in Pillow 9.4, base64; "
                            "made by scripts/preprocess-fixtures/make_png_fixtures.py",
                   "width": W, "height": H, "rgb": expected}, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} PNGs and expected.json to {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
