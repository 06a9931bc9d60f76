"""
PyTorch's antialiased uint8 resize (bilinear / bicubic), transcribed to Python from
aten/src/ATen/native/cpu/UpSampleKernel.cpp (HelperInterpBase::_compute_index_ranges_weights,
_compute_index_ranges_int16_weights, HelperInterpCubic::aa_filter) and the integer passes of
UpSampleKernelAVXAntialias.h. torchvision's resize runs this for uint8 tensors (PyTorch >= 2.1),
which makes it what Hugging Face transformers 5's default "torchvision" image-processor backend
computes. Debian's PyTorch 1.13 has no uint8 antialias kernel, hence the transcription.

It reproduces the reference pixel_values of ../shared/clip-reference exactly for the five images
made with transformers 5.17 (check_reference() below, run by make_fixtures.py when that folder
exists). Deliberately plain loops over scalars, in the C++ code's order of double operations.
"""
import math

import numpy as np


def _cubic(x, a=-0.5):
    # cubic_convolution1 / cubic_convolution2 of aten/src/ATen/native/UpSample.h
    x = abs(x)
    if x < 1.0:
        return ((a + 2) * x - (a + 3)) * x * x + 1
    if x < 2.0:
        return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a
    return 0.0


def _triangle(x):
    x = abs(x)
    return 1.0 - x if x < 1.0 else 0.0


FILTERS = {"bilinear": (_triangle, 2), "bicubic": (_cubic, 4)}


def int16_weights(in_size, out_size, filter_name):
    """[(xmin, xsize)], int weights [out, ksize], precision: as PyTorch computes them."""
    fn, interp_size = FILTERS[filter_name]
    scale = in_size / out_size
    support = (interp_size * 0.5) * scale if scale >= 1.0 else interp_size * 0.5
    ksize = int(math.ceil(support)) * 2 + 1
    invscale = 1.0 / scale if scale >= 1.0 else 1.0
    weights = np.zeros((out_size, ksize))
    bounds = []
    wt_max = 0.0
    for i in range(out_size):
        center = scale * (i + 0.5)
        xmin = max(int(center - support + 0.5), 0)
        xsize = min(int(center + support + 0.5), in_size) - xmin
        xsize = min(max(xsize, 0), ksize)
        w = [fn((j + xmin - center + 0.5) * invscale) for j in range(xsize)]
        total = 0.0
        for v in w:
            total += v
        if total != 0.0:
            w = [v / total for v in w]
            wt_max = max([wt_max] + w)
        weights[i, :xsize] = w
        bounds.append((xmin, xsize))
    precision = 0
    while precision < 22:
        if int(0.5 + wt_max * (1 << (precision + 1))) >= (1 << 15):
            break
        precision += 1
    ints = np.zeros((out_size, ksize), dtype=np.int64)
    for i in range(out_size):
        for k in range(ksize):
            v = weights[i, k] * (1 << precision)
            ints[i, k] = int(-0.5 + v) if v < 0 else int(0.5 + v)
    return bounds, ints, precision


def _pass(image, axis, out_size, filter_name):
    bounds, ints, precision = int16_weights(image.shape[axis], out_size, filter_name)
    src = np.moveaxis(image.astype(np.int64), axis, 0)
    out = np.zeros((out_size,) + src.shape[1:], dtype=np.int64)
    for i, (xmin, xsize) in enumerate(bounds):
        acc = np.full(src.shape[1:], 1 << (precision - 1), dtype=np.int64)
        for k in range(xsize):
            acc += src[xmin + k] * ints[i, k]
        out[i] = np.clip(acc >> precision, 0, 255)
    return np.moveaxis(out, 0, axis).astype(np.uint8)


def resize(image, width, height, filter_name):
    """image: uint8 [H, W, C]. Horizontal pass first, then vertical; a pass is skipped when its
    size does not change, as in PyTorch."""
    out = image
    if width != image.shape[1]:
        out = _pass(out, 1, width, filter_name)
    if height != image.shape[0]:
        out = _pass(out, 0, height, filter_name)
    return out


def check_reference(reference_dir, names):
    """Count of values off per image: this transcription + transformers' torchvision-backend
    steps against the stored pixel_values."""
    from PIL import Image

    import torch

    mean = [0.48145466, 0.4578275, 0.40821073]
    std = [0.26862954, 0.26130258, 0.27577711]
    counts = {}
    for name in names:
        rgb = np.asarray(Image.open(f"{reference_dir}/images/{name}").convert("RGB"))
        h, w = rgb.shape[:2]
        short, long = min(w, h), max(w, h)
        new_long = int(224 * long / short)
        width, height = (224, new_long) if w <= h else (new_long, 224)
        resized = resize(rgb, width, height, "bicubic")
        top, left = int((height - 224) / 2.0), int((width - 224) / 2.0)
        crop = torch.from_numpy(resized[top : top + 224, left : left + 224].copy()).permute(2, 0, 1)
        m = (torch.tensor(mean) * (1.0 / (1 / 255))).view(-1, 1, 1)
        s = (torch.tensor(std) * (1.0 / (1 / 255))).view(-1, 1, 1)
        values = ((crop.to(torch.float32) - m) / s).numpy()
        expected = np.fromfile(f"{reference_dir}/pixels/{name}.f32", dtype="<f4").reshape(3, 224, 224)
        counts[name] = int((values != expected).sum())
    return counts
