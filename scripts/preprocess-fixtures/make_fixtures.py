"""
Makes src/clip/preprocess/fixtures/reference-cases.json: small resize and normalisation cases
with the exact bytes / floats of the two Hugging Face image-processor backends, for the unit tests
of src/clip/preprocess (bit-exact parity without the shared reference data).

    /usr/bin/python3 scripts/preprocess-fixtures/make_fixtures.py

Needs Debian's python3-pil (Pillow 9.4), python3-numpy and python3-torch (1.13). Where each
expected value comes from:
- "pil": Pillow's Image.resize itself; NumPy rescale/normalise as transformers' PilBackend does.
- "torchvision" bilinear/bicubic: torch_uint8_resize.py (PyTorch's uint8 antialias kernel,
  transcribed, since PyTorch 1.13 lacks it); nearest: PyTorch's own nearest-exact (1.13 has it for
  uint8); rescale/normalise: PyTorch float32 ops as transformers' TorchvisionBackend does them.
Deterministic: the same file comes out on every run.
"""
import base64
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

import torch_uint8_resize

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "src/clip/preprocess/fixtures/reference-cases.json")
REFERENCE = os.path.join(os.path.dirname(ROOT), "shared/clip-reference")

PIL_FILTERS = {"nearest": Image.NEAREST, "bilinear": Image.BILINEAR, "bicubic": Image.BICUBIC}
CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073]
CLIP_STD = [0.26862954, 0.26130258, 0.27577711]


def b64(array):
    return base64.b64encode(np.ascontiguousarray(array).tobytes()).decode("ascii")


def resize_pil(image, width, height, filter_name):
    return np.asarray(Image.fromarray(image).resize((width, height), PIL_FILTERS[filter_name]))


def resize_torchvision(image, width, height, filter_name):
    if filter_name == "nearest":
        # transformers maps PIL's NEAREST to torchvision's NEAREST_EXACT.
        tensor = torch.from_numpy(image).permute(2, 0, 1).unsqueeze(0).contiguous()
        out = F.interpolate(tensor, size=(height, width), mode="nearest-exact")
        return out[0].permute(1, 2, 0).numpy()
    return torch_uint8_resize.resize(image, width, height, filter_name)


def resize_case(name, image, width, height, filter_name):
    pil = resize_pil(image, width, height, filter_name)
    tv = resize_torchvision(image, width, height, filter_name)
    return {
        "image": name, "width": width, "height": height, "filter": filter_name,
        "pil": b64(pil), "torchvision": b64(tv), "differing": int((pil != tv).sum()),
    }


def resize_cases():
    rng = np.random.default_rng(12)
    images = {
        "noise-31x23": rng.integers(0, 256, (23, 31, 3), dtype=np.uint8),
        "noise-12x9": rng.integers(0, 256, (9, 12, 3), dtype=np.uint8),
    }
    # Down, horizontal only, vertical only, up, and up on one axis while down on the other.
    sizes = {"noise-31x23": [(13, 10), (9, 23), (31, 7)], "noise-12x9": [(19, 13), (5, 17)]}
    cases = []
    for name, image in images.items():
        for width, height in sizes[name]:
            for filter_name in ("bicubic", "bilinear"):
                cases.append(resize_case(name, image, width, height, filter_name))
    # One-row ramps: the output is the source index each backend picks for 'nearest'. Sizes
    # where Pillow's and PyTorch's roundings disagree, down and up, and one where they agree.
    for in_size, out_size in [(16, 14), (24, 9), (8, 7), (4, 14), (2, 7), (9, 5)]:
        name = f"ramp-{in_size}"
        images[name] = np.repeat(np.arange(in_size, dtype=np.uint8)[None, :, None], 3, axis=2)
        cases.append(resize_case(name, images[name], out_size, 1, "nearest"))
    encoded = {name: {"width": int(a.shape[1]), "height": int(a.shape[0]), "rgb": b64(a)} for name, a in images.items()}
    return encoded, cases


def values_pil(values, rescale, mean, std):
    # transformers.image_transforms.rescale: float64 multiply, then float32; normalize: float32.
    x = values.astype(np.float64)
    if rescale is not None:
        x = (x * rescale).astype(np.float32)
    if mean is not None:
        x = x.astype(np.float32)
        x = (x - np.array(mean, dtype=np.float32)) / np.array(std, dtype=np.float32)
    return x.astype(np.float32)


def values_torchvision(values, rescale, mean, std):
    # TorchvisionBackend._rescale_and_normalize (fused when both are on).
    v = torch.from_numpy(values.astype(np.uint8))
    if mean is not None:
        m, s = mean, std
        if rescale is not None:
            m = torch.tensor(mean) * (1.0 / rescale)
            s = torch.tensor(std) * (1.0 / rescale)
        m = torch.as_tensor(m, dtype=torch.float32).view(-1, 1)
        s = torch.as_tensor(s, dtype=torch.float32).view(-1, 1)
        return ((v.to(torch.float32) - m) / s).numpy()
    if rescale is not None:
        return (v * rescale).numpy()
    return v.to(torch.float32).numpy()


def value_cases():
    values = np.broadcast_to(np.arange(256), (3, 256))
    variants = {
        "clip": {"rescale": 1 / 255, "mean": CLIP_MEAN, "std": CLIP_STD},
        "rescale-only": {"rescale": 1 / 255, "mean": None, "std": None},
        "imagenet-1/127.5": {"rescale": 1 / 127.5, "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]},
    }
    cases = []
    for name, v in variants.items():
        pil = np.stack([values_pil(values[c], v["rescale"], v["mean"] and v["mean"][c], v["std"] and v["std"][c]) for c in range(3)])
        tv = values_torchvision(values, v["rescale"], v["mean"], v["std"])
        cases.append({
            "name": name, **v,
            "pil": b64(pil.astype("<f4")), "torchvision": b64(tv.astype("<f4")),
            "differing": int((pil != tv).sum()),
        })
    return cases


def main():
    images, resizes = resize_cases()
    values = value_cases()
    for case in resizes:
        print(f"resize {case['image']} → {case['width']}×{case['height']} {case['filter']}: {case['differing']} bytes differ between backends")
    for case in values:
        print(f"values {case['name']}: {case['differing']} of 768 floats differ between backends")
    if os.path.isdir(REFERENCE):
        made_by_transformers = ["astronaut.png", "chelsea.png", "coffee.png", "gradient-640x480.png", "noise-100x300.png"]
        counts = torch_uint8_resize.check_reference(REFERENCE, made_by_transformers)
        print("transcription vs reference pixel_values, values off:", counts)
        if any(counts.values()):
            sys.exit("torch_uint8_resize.py does not reproduce the reference: not writing the fixture")
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({
            "about": "Made by scripts/preprocess-fixtures/make_fixtures.py; do not edit. Images: uint8 RGB rows; "
                     "resize outputs: uint8 RGB; value tables: float32 little-endian [3][256]; all base64.",
            "images": images, "resize": resizes, "values": values,
        }, f, indent=1)
        f.write("\n")
    print(f"wrote {os.path.relpath(OUT, ROOT)} ({os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    main()
