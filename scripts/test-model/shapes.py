"""Deterministic synthetic coloured-shape images and CLIP-style preprocessing.

Every sample is a pure function of (seed, index), so the data set is the same no matter how
many worker processes render it.
"""

import colorsys
import math
import random

import numpy as np
from PIL import Image, ImageDraw

# Exact label strings: "<colour> <shape>".
COLOURS = ["red", "orange", "yellow", "green", "blue", "purple"]
SHAPES = ["circle", "square", "triangle", "star", "heart", "cross"]
LABELS = [f"{c} {s}" for c in COLOURS for s in SHAPES]

# Hue ranges in degrees (may wrap), saturation and value ranges for the colour jitter. The
# ranges include the CSS named colours (red #ff0000, orange #ffa500, yellow #ffff00,
# green #008000, blue #0000ff, purple #800080) and keep neighbouring hues apart.
COLOUR_HSV = {
    "red": ((-10, 10), (0.75, 1.0), (0.55, 1.0)),
    "orange": ((22, 40), (0.8, 1.0), (0.9, 1.0)),
    "yellow": ((52, 62), (0.75, 1.0), (0.88, 1.0)),
    "green": ((95, 145), (0.65, 1.0), (0.42, 1.0)),
    "blue": ((208, 245), (0.7, 1.0), (0.5, 1.0)),
    "purple": ((266, 300), (0.55, 1.0), (0.45, 0.88)),
}

# Caption templates used for training ("{a}" is the article for the label).
TEMPLATES = [
    "a photo of a {}.",
    "a photo of a {}",
    "{a} {}",
    "{}",
    "a drawing of a {}",
    "a drawing of a {}.",
    "a picture of a {}",
    "a picture of a {}.",
    "an image of a {}.",
    "a {} shape",
    "a {} on a plain background",
    "a simple {}",
    "a rendering of a {}.",
    "this is a {}.",
    "a photo of the {}.",
    "a sketch of a {}",
]
EVAL_TEMPLATE = "a photo of a {}."

# CLIPImageProcessor settings (see preprocessor_config.json).
IMAGE_SIZE = 64
IMAGE_MEAN = [0.48145466, 0.4578275, 0.40821073]
IMAGE_STD = [0.26862954, 0.26130258, 0.27577711]


def caption(template, label):
    article = "an" if label[0] in "aeiou" else "a"
    return template.replace("{a}", article).replace("{}", label)


# ---------------------------------------------------------------------------------------------
# Preprocessing: exactly CLIPImageProcessor (convert RGB, resize shortest edge with bicubic,
# center crop, rescale, normalise).


def clip_resize_crop(img, size=IMAGE_SIZE):
    """Returns the uint8 HxWx3 array after resize + center crop (before rescale/normalise)."""
    img = img.convert("RGB")
    w, h = img.size
    if w <= h:
        nw, nh = size, int(size * h / w)
    else:
        nw, nh = int(size * w / h), size
    img = img.resize((nw, nh), resample=Image.BICUBIC)
    top = (nh - size) // 2
    left = (nw - size) // 2
    img = img.crop((left, top, left + size, top + size))
    return np.asarray(img, dtype=np.uint8)


def normalise(u8):
    """uint8 [..., H, W, 3] -> float32 [..., 3, H, W] pixel_values."""
    x = u8.astype(np.float32) * np.float32(1 / 255)
    x = (x - np.array(IMAGE_MEAN, np.float32)) / np.array(IMAGE_STD, np.float32)
    return np.ascontiguousarray(np.moveaxis(x, -1, -3))


# ---------------------------------------------------------------------------------------------
# Shape geometry in unit coordinates (circumradius 1, centred at the origin, y down).


def _heart_points(n=96):
    pts = []
    for i in range(n):
        t = 2 * math.pi * i / n
        x = 16 * math.sin(t) ** 3
        y = -(13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t))
        pts.append((x, y))
    # centre the bounding box and scale to circumradius ~1
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    r = max(math.hypot(x - cx, y - cy) for x, y in pts)
    return [((x - cx) / r, (y - cy) / r) for x, y in pts]


_HEART = _heart_points()


def shape_polygon(shape, rng_params=None):
    """Unit polygon for the shape (None for circle)."""
    p = rng_params or {}
    if shape == "circle":
        return None
    if shape == "square":
        return [(math.cos(a), math.sin(a)) for a in (math.pi / 4 + k * math.pi / 2 for k in range(4))]
    if shape == "triangle":
        return [(math.cos(a), math.sin(a)) for a in (-math.pi / 2 + k * 2 * math.pi / 3 for k in range(3))]
    if shape == "star":
        inner = p.get("inner", 0.42)
        pts = []
        for k in range(10):
            a = -math.pi / 2 + k * math.pi / 5
            r = 1.0 if k % 2 == 0 else inner
            pts.append((r * math.cos(a), r * math.sin(a)))
        return pts
    if shape == "heart":
        return list(_HEART)
    if shape == "cross":
        w = p.get("arm", 0.34)  # half arm width relative to half length
        # plus sign with half-length L and half-width w*L; circumradius = L*sqrt(1+w^2)
        L = 1 / math.sqrt(1 + w * w)
        a = w * L
        return [(-a, -L), (a, -L), (a, -a), (L, -a), (L, a), (a, a), (a, L), (-a, L), (-a, a),
                (-L, a), (-L, -a), (-a, -a)]
    raise ValueError(shape)


def draw_shape(draw, shape, cx, cy, r, angle, fill, params=None):
    """Draws the shape with circumradius r (pixels) at (cx, cy), rotated by angle (radians)."""
    if shape == "circle":
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=fill)
        return
    ca, sa = math.cos(angle), math.sin(angle)
    pts = [(cx + r * (x * ca - y * sa), cy + r * (x * sa + y * ca)) for x, y in shape_polygon(shape, params)]
    draw.polygon(pts, fill=fill)


# ---------------------------------------------------------------------------------------------
# Colours and backgrounds.


def _hsv_rgb(h, s, v):
    r, g, b = colorsys.hsv_to_rgb((h % 360) / 360, s, v)
    return (int(round(r * 255)), int(round(g * 255)), int(round(b * 255)))


def sample_colour(rng, colour):
    (h0, h1), (s0, s1), (v0, v1) = COLOUR_HSV[colour]
    h = rng.uniform(h0, h1)
    return h % 360, _hsv_rgb(h, rng.uniform(s0, s1), rng.uniform(v0, v1))


def _hue_dist(a, b):
    d = abs(a - b) % 360
    return min(d, 360 - d)


def _light_colour(rng, avoid_hue):
    while True:
        h = rng.uniform(0, 360)
        if _hue_dist(h, avoid_hue) >= 70:
            return _hsv_rgb(h, rng.uniform(0.05, 0.35), rng.uniform(0.82, 1.0))


def _neutral(rng):
    g = rng.uniform(0.25, 0.95)
    return (int(g * 255),) * 3


def make_background(rng, w, h, shape_hue):
    kind = rng.choices(["white", "black", "gray", "light", "gradient", "noise"],
                       weights=[22, 8, 14, 20, 18, 18])[0]
    if kind == "white":
        c = tuple(int(rng.uniform(245, 255.99)) for _ in range(3)) if rng.random() < 0.3 else (255, 255, 255)
        return Image.new("RGB", (w, h), c)
    if kind == "black":
        return Image.new("RGB", (w, h), tuple(int(rng.uniform(0, 25)) for _ in range(3)))
    if kind == "gray":
        return Image.new("RGB", (w, h), _neutral(rng))
    if kind == "light":
        return Image.new("RGB", (w, h), _light_colour(rng, shape_hue))
    nprng = np.random.default_rng(rng.getrandbits(32))
    pick = lambda: _light_colour(rng, shape_hue) if rng.random() < 0.6 else _neutral(rng)  # noqa: E731
    if kind == "gradient":
        c0 = np.array(pick(), np.float32)
        c1 = np.array(pick(), np.float32)
        a = rng.uniform(0, 2 * math.pi)
        ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
        t = (xs / max(w - 1, 1) - 0.5) * math.cos(a) + (ys / max(h - 1, 1) - 0.5) * math.sin(a)
        t = (t - t.min()) / max(float(t.max() - t.min()), 1e-6)
        arr = c0 + (c1 - c0) * t[..., None]
    else:  # soft noise: low-resolution random field, upsampled, around a base colour
        base = np.array(pick(), np.float32)
        gw, gh = rng.randint(3, 12), rng.randint(3, 12)
        field = nprng.normal(0, 1, (gh, gw, 3)).astype(np.float32) * rng.uniform(8, 30)
        if rng.random() < 0.5:  # grey noise instead of coloured noise
            field[..., 1] = field[..., 0]
            field[..., 2] = field[..., 0]
        f_img = Image.fromarray(np.clip(field + 128, 0, 255).astype(np.uint8)).resize((w, h), Image.BILINEAR)
        arr = base + (np.asarray(f_img, np.float32) - 128)
    if rng.random() < 0.5:  # fine grain
        arr = arr + nprng.normal(0, rng.uniform(2, 10), (h, w, 1 if rng.random() < 0.5 else 3))
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


# ---------------------------------------------------------------------------------------------
# Samples.


def render_sample(seed, index):
    """Returns (PIL image at its original resolution, label index)."""
    rng = random.Random(seed * 1_000_003 + index)
    ci = rng.randrange(len(COLOURS))
    si = rng.randrange(len(SHAPES))
    colour, shape = COLOURS[ci], SHAPES[si]

    short = int(round(math.exp(rng.uniform(math.log(48), math.log(400)))))
    aspect = math.exp(rng.uniform(math.log(0.6), math.log(1.8)))  # width / height
    if aspect >= 1:
        w, h = int(round(short * aspect)), short
    else:
        w, h = short, int(round(short / aspect))
    hue, rgb = sample_colour(rng, colour)
    ss = max(1, min(4, int(round(600 / short))))  # supersampling factor for antialiasing
    bg = make_background(rng, w, h, hue)
    canvas = bg.resize((w * ss, h * ss), Image.NEAREST) if ss > 1 else bg.copy()
    draw = ImageDraw.Draw(canvas)

    # shape extent (diameter of the circumcircle) as a fraction of the centre-crop side
    side = min(w, h)
    extent = rng.uniform(0.25, 0.8)
    if shape in ("square", "cross", "triangle"):
        extent = rng.uniform(0.3, 0.9)  # these look smaller than their circumcircle
    r = extent * side / 2
    x0, y0 = (w - side) / 2, (h - side) / 2
    margin = 0.03 * side
    lo, hi = r + margin, side - r - margin
    cx = x0 + (rng.uniform(lo, hi) if hi > lo else side / 2)
    cy = y0 + (rng.uniform(lo, hi) if hi > lo else side / 2)
    max_rot = {"heart": 35, "triangle": 60, "star": 36, "cross": 45, "square": 45, "circle": 0}[shape]
    angle = math.radians(rng.uniform(-max_rot, max_rot))
    params = {"inner": rng.uniform(0.36, 0.5), "arm": rng.uniform(0.25, 0.42)}
    draw_shape(draw, shape, cx * ss, cy * ss, r * ss, angle, rgb, params)
    img = canvas.resize((w, h), Image.BOX) if ss > 1 else canvas
    return img, ci * len(SHAPES) + si


def render_preprocessed(args):
    seed, index = args
    img, label = render_sample(seed, index)
    return clip_resize_crop(img), label


def make_dataset(seed, n, pool=None):
    """uint8 [n, 64, 64, 3] images after CLIP resize/crop, and int64 labels."""
    jobs = [(seed, i) for i in range(n)]
    results = pool.map(render_preprocessed, jobs, chunksize=256) if pool else list(map(render_preprocessed, jobs))
    images = np.stack([r[0] for r in results])
    labels = np.array([r[1] for r in results], np.int64)
    return images, labels


# Canonical "canvas" colours for the clean-drawing check.
CLEAN_PALETTES = {
    "css": {"red": (255, 0, 0), "orange": (255, 165, 0), "yellow": (255, 255, 0),
            "green": (0, 128, 0), "blue": (0, 0, 255), "purple": (128, 0, 128)},
    "bright": {"red": (230, 40, 40), "orange": (255, 140, 0), "yellow": (250, 220, 20),
               "green": (30, 180, 60), "blue": (30, 90, 230), "purple": (150, 50, 200)},
}


def render_clean(colour_rgb, shape, size=224, radius_frac=0.3, background=(255, 255, 255)):
    """A plain antialiased drawing: shape of circumradius radius_frac*size centred on a plain
    background (like a simple canvas drawing)."""
    ss = 4
    img = Image.new("RGB", (size * ss, size * ss), background)
    draw = ImageDraw.Draw(img)
    c = size * ss / 2
    draw_shape(draw, shape, c, c, radius_frac * size * ss, 0.0, colour_rgb)
    return img.resize((size, size), Image.BOX)
