#!/usr/bin/env python3
"""Golden zero-shot scores of the bundled model (clip-shapes-tiny), computed without the
project's TypeScript and without onnxruntime:

* images: the PNGs written by export-pictures.ts, decoded by Pillow and preprocessed as Hugging
  Face's CLIPImageProcessor (Pillow backend) does, with the model's preprocessor_config.json;
* texts: the model's own BPE (scripts/test-model/bpe.py, built from tokenizer.json's merges);
* towers: the ONNX files run by onnx_numpy.py, as the worker runs them: each picture alone (the
  worker runs the 8-bit vision tower one image at a time, so that an image's embedding does not
  depend on its batch), each label set in one text batch padded with the pad token to its longest
  text (a call of up to 64 texts). With the 8-bit towers batching matters: DynamicQuantizeLinear
  takes one scale over the whole batch (padding included), so an 8-bit embedding depends on what
  it was batched with; fp32 embeddings do not.
* scores: softmax over 100 x cosine, in float64.

Usage: /usr/bin/python3 scripts/golden/zero_shot_goldens.py <folder written by export-pictures.ts>
Writes src/clip/testing/zeroShotGolden.json. Normally run through scripts/golden/make-goldens.sh.
"""

import json
import os
import sys

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
MODEL = os.path.join(REPO, "public", "models", "clip-shapes-tiny")
OUT = os.path.join(REPO, "src", "clip", "testing", "zeroShotGolden.json")
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(REPO, "scripts", "test-model"))

import bpe  # noqa: E402
from onnx_numpy import Model  # noqa: E402

TOWERS = {"fp32": "", "q8": "_quantized"}
LOGIT_SCALE = 100.0


def preprocess(path, config):
    """CLIPImageProcessor: RGB, bicubic resize of the shortest edge, centre crop, rescale, normalise."""
    image = Image.open(path).convert("RGB")
    width, height = image.size
    size = config["size"]["shortest_edge"]
    short, long = min(width, height), max(width, height)
    new_long = int(size * long / short)  # transformers' get_resize_output_image_size
    new_w, new_h = (size, new_long) if width <= height else (new_long, size)
    resample = {3: Image.BICUBIC, 2: Image.BILINEAR}[config["resample"]]
    pixels = np.asarray(image.resize((new_w, new_h), resample=resample), dtype=np.uint8)
    crop_h, crop_w = config["crop_size"]["height"], config["crop_size"]["width"]
    top, left = (new_h - crop_h) // 2, (new_w - crop_w) // 2
    pixels = pixels[top:top + crop_h, left:left + crop_w]
    # transformers' rescale multiplies in float64, then stores float32; normalise is float32.
    x = (pixels.astype(np.float64) * config["rescale_factor"]).astype(np.float32)
    mean = np.array(config["image_mean"], dtype=np.float32)
    std = np.array(config["image_std"], dtype=np.float32)
    x = (x - mean) / std
    return np.ascontiguousarray(x.transpose(2, 0, 1))[None]


def tokenizer():
    spec = json.load(open(os.path.join(MODEL, "tokenizer.json")))
    merges = [tuple(m) if isinstance(m, list) else tuple(m.split(" ")) for m in spec["model"]["merges"]]
    tok = bpe.ClipBPE(merges)
    # The BPE must use the ids tokenizer.json gives its tokens.
    assert tok.encoder == spec["model"]["vocab"], "bpe.py's vocabulary differs from tokenizer.json"
    return tok


def unit(v):
    v = v.astype(np.float64).reshape(-1)
    return v / np.linalg.norm(v)


def dump(value, indent=""):
    """JSON with one line per list of scores, so a picture's scores read as a row."""
    if isinstance(value, dict):
        inner = indent + "  "
        items = [f"{inner}{json.dumps(k)}: {dump(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    return json.dumps(value)


def main(folder):
    spec = json.load(open(os.path.join(folder, "spec.json")))
    config = json.load(open(os.path.join(MODEL, "preprocessor_config.json")))
    tok = tokenizer()
    pixels = {p: preprocess(os.path.join(folder, p), config) for p in spec["pictures"]}
    pad_id = tok.encoder[json.load(open(os.path.join(MODEL, "tokenizer_config.json")))["pad_token"]]
    out = {
        "model": "clip-shapes-tiny",
        "provenance": (
            "scripts/golden/make-goldens.sh: Pillow preprocessing (CLIPImageProcessor), the model's BPE "
            "(scripts/test-model/bpe.py), ONNX towers run by scripts/golden/onnx_numpy.py; no onnxruntime, no project TypeScript"
        ),
        "towers": {},
    }
    for towers, suffix in TOWERS.items():
        vision = Model(os.path.join(MODEL, "onnx", f"vision_model{suffix}.onnx"))
        text = Model(os.path.join(MODEL, "onnx", f"text_model{suffix}.onnx"))
        names = list(pixels)
        images = {p: unit(vision.run({"pixel_values": pixels[p]})["image_embeds"][0]) for p in names}
        labels = {}
        for label_set in spec["labelSets"]:
            ids = [tok.encode(t) for t in label_set["texts"]]
            length = max(len(i) for i in ids)
            batch = np.array([i + [pad_id] * (length - len(i)) for i in ids], dtype=np.int64)
            labels[label_set["name"]] = [unit(row) for row in text.run({"input_ids": batch})["text_embeds"]]
        scores = {}
        for picture, image in images.items():
            scores[picture] = {}
            for label_set in spec["labelSets"]:
                logits = LOGIT_SCALE * np.array([image @ label for label in labels[label_set["name"]]])
                e = np.exp(logits - logits.max())
                scores[picture][label_set["name"]] = [round(float(v), 7) for v in e / e.sum()]
        out["towers"][towers] = {"scores": scores}
        print(towers, json.dumps({p: {k: [round(v, 4) for v in s] for k, s in d.items()} for p, d in scores.items()}), file=sys.stderr)
    with open(OUT, "w") as f:
        f.write(dump(out) + "\n")
    print(f"wrote {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
