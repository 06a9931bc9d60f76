#!/usr/bin/python3
"""Makes the benchmark model: CLIP ViT-B/32 with the architecture of openai/clip-vit-base-patch32
(vision 87.8 M parameters, text 63.2 M + 0.26 M projection) and random weights from a fixed seed,
in the hub layout of the transformers.js exports (speed does not depend on weight values):

    .bench/models/clip-vit-b32-random/
      config.json  preprocessor_config.json  tokenizer.json  tokenizer_config.json
      onnx/{vision,text}_model{,_fp16,_quantized}.onnx
      onnx/model_quantized.onnx   (both towers in one graph: what transformers.js' CLIPModel and
                                   its zero-shot pipeline load; 8-bit only)

Run from the repository root:  /usr/bin/python3 scripts/bench-model/make_bench_model.py [--force]
Does nothing when every file exists and was made by this GENERATOR_VERSION. The tokenizer files are copied from ../shared/clip-reference/
into the (git-ignored) output folder only. fp16/8-bit conversions come from
scripts/test-model/onnx_tools.py; the 8-bit files use `quantize_dynamic_published`, the scheme of
the hub's `_quantized` files (per-channel 7-bit MatMul weights, ConvInteger patch embedding,
8-bit token embedding table), so sizes and op types match the published ViT-B/32 files
(~88 MB vision, ~64 MB text).
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(REPO, "scripts", "test-model"))

import onnx  # noqa: E402
import torch  # noqa: E402

import onnx_tools  # noqa: E402  (scripts/test-model/onnx_tools.py)
from clip_vit import ClipPair, TextTower, VisionTower, init_weights  # noqa: E402

SEED = 32032
# Bump when the files change (2: the published quantisation scheme); older folders are remade.
GENERATOR_VERSION = 2
OPSET = 17
MODEL_ID = "clip-vit-b32-random"
DEFAULT_OUT = os.path.join(REPO, ".bench", "models", MODEL_ID)
REFERENCE = os.path.abspath(os.path.join(REPO, "..", "shared", "clip-reference"))

VISION = dict(width=768, layers=12, heads=12, patch=32, image=224, projection=512)
TEXT = dict(vocab=49408, width=512, layers=12, heads=8, context=77, projection=512)
BOS, EOS = 49406, 49407

TOWERS = ("vision_model", "text_model")
SUFFIXES = ("", "_fp16", "_quantized")
FILES = ["config.json", "preprocessor_config.json", "tokenizer.json", "tokenizer_config.json",
         "onnx/model_quantized.onnx"] + [f"onnx/{t}{s}.onnx" for t in TOWERS for s in SUFFIXES]


def log(*a):
    print("[bench-model]", *a, flush=True)


def config_json(n_vision, n_text):
    return {
        "description": "Random-weight CLIP ViT-B/32 (architecture of openai/clip-vit-base-patch32) made by "
                       "scripts/bench-model/make_bench_model.py for speed benchmarks; its outputs mean nothing.",
        "_name_or_path": MODEL_ID,
        "model_type": "clip",
        "architectures": ["CLIPModel"],
        "projection_dim": 512,
        "logit_scale_init_value": 2.6592,
        "initializer_factor": 1.0,
        "seed": SEED,
        "generator_version": GENERATOR_VERSION,
        "parameters": {"vision": n_vision, "text": n_text},
        "text_config": {
            "model_type": "clip_text_model",
            "vocab_size": TEXT["vocab"],
            "hidden_size": TEXT["width"],
            "intermediate_size": 4 * TEXT["width"],
            "num_hidden_layers": TEXT["layers"],
            "num_attention_heads": TEXT["heads"],
            "max_position_embeddings": TEXT["context"],
            "hidden_act": "quick_gelu",
            "layer_norm_eps": 1e-5,
            "projection_dim": 512,
            "bos_token_id": BOS,
            "eos_token_id": EOS,
            "pad_token_id": 1,
        },
        "vision_config": {
            "model_type": "clip_vision_model",
            "hidden_size": VISION["width"],
            "intermediate_size": 4 * VISION["width"],
            "num_hidden_layers": VISION["layers"],
            "num_attention_heads": VISION["heads"],
            "image_size": VISION["image"],
            "patch_size": VISION["patch"],
            "num_channels": 3,
            "hidden_act": "quick_gelu",
            "layer_norm_eps": 1e-5,
            "projection_dim": 512,
        },
    }


PREPROCESSOR = {
    "feature_extractor_type": "CLIPFeatureExtractor",
    "image_processor_type": "CLIPImageProcessor",
    "do_resize": True,
    "size": {"shortest_edge": 224},
    "resample": 3,
    "do_center_crop": True,
    "crop_size": {"height": 224, "width": 224},
    "do_rescale": True,
    "rescale_factor": 1 / 255,
    "do_normalize": True,
    "image_mean": [0.48145466, 0.4578275, 0.40821073],
    "image_std": [0.26862954, 0.26130258, 0.27577711],
    "do_convert_rgb": True,
}


def export(module, args, path, input_names, output_names, dynamic_axes):
    torch.onnx.export(module, args, path, input_names=input_names, output_names=output_names,
                      dynamic_axes=dynamic_axes, opset_version=OPSET, do_constant_folding=True,
                      export_params=True, training=torch.onnx.TrainingMode.EVAL)
    m = onnx.load(path)
    m.producer_name = "scripts/bench-model/make_bench_model.py (torch.onnx)"
    return m


def save_variants(m, onnx_dir, name, variants):
    for suffix in variants:
        t0 = time.time()
        if suffix == "":
            out = m
        elif suffix == "_fp16":
            out = onnx_tools.convert_fp16_weights(m)
        else:
            out, counts = onnx_tools.quantize_dynamic_published(m)
            log(f"  {name}: quantized {counts}")
        path = os.path.join(onnx_dir, f"{name}{suffix}.onnx")
        onnx.save(out, path)
        onnx.checker.check_model(path)
        log(f"  {name}{suffix}.onnx {os.path.getsize(path) / 1e6:.1f} MB ({time.time() - t0:.1f} s)")


def is_current(out):
    if not all(os.path.isfile(os.path.join(out, f)) for f in FILES):
        return False
    with open(os.path.join(out, "config.json")) as f:
        return json.load(f).get("generator_version") == GENERATOR_VERSION


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--force", action="store_true", help="regenerate even when the files exist")
    args = ap.parse_args()
    out = os.path.abspath(args.out)
    if not args.force and is_current(out):
        log(f"{out} is complete; nothing to do (--force regenerates)")
        return
    for f in ("tokenizer.json", "tokenizer_config.json"):
        if not os.path.isfile(os.path.join(REFERENCE, f)):
            sys.exit(f"missing {os.path.join(REFERENCE, f)} (the CLIP tokenizer is copied from there)")

    t_start = time.time()
    torch.manual_seed(SEED)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    gen = torch.Generator().manual_seed(SEED)
    vision = VisionTower(**VISION).eval()
    text = TextTower(**TEXT).eval()
    init_weights(vision, gen)
    init_weights(text, gen)
    n_vision = sum(p.numel() for p in vision.parameters())
    n_text = sum(p.numel() for p in text.parameters())
    n_text_proj = text.text_projection.weight.numel()
    log(f"parameters: vision {n_vision / 1e6:.2f} M (with projection), text {(n_text - n_text_proj) / 1e6:.2f} M "
        f"+ projection {n_text_proj / 1e6:.2f} M")

    tmp = out + ".partial"
    shutil.rmtree(tmp, ignore_errors=True)
    onnx_dir = os.path.join(tmp, "onnx")
    os.makedirs(onnx_dir)

    with torch.no_grad():
        log("exporting the vision tower")
        pixels = torch.randn(2, 3, 224, 224, generator=gen)
        m = export(vision, (pixels,), os.path.join(onnx_dir, "vision_model.onnx"), ["pixel_values"], ["image_embeds"],
                   {"pixel_values": {0: "batch_size"}, "image_embeds": {0: "batch_size"}})
        save_variants(m, onnx_dir, "vision_model", SUFFIXES)
        reference_image = vision(pixels[:1]).numpy()

        log("exporting the text tower")
        ids = torch.tensor([[BOS, 320, 1125, 539, 320, 2368, 269, EOS],
                            [BOS, 320, 1929, EOS, EOS, EOS, EOS, EOS]])
        m = export(text, (ids,), os.path.join(onnx_dir, "text_model.onnx"), ["input_ids"], ["text_embeds"],
                   {"input_ids": {0: "batch_size", 1: "sequence_length"}, "text_embeds": {0: "batch_size"}})
        save_variants(m, onnx_dir, "text_model", SUFFIXES)
        reference_text = text(ids).numpy()

        log("exporting the combined model (transformers.js CLIPModel / zero-shot pipeline)")
        pair = ClipPair(vision, text).eval()
        full = os.path.join(tmp, "model_fp32.onnx")
        m = export(pair, (ids, pixels, torch.ones_like(ids)), full, ["input_ids", "pixel_values", "attention_mask"],
                   ["logits_per_image", "logits_per_text", "text_embeds", "image_embeds"],
                   {"input_ids": {0: "text_batch_size", 1: "sequence_length"},
                    "attention_mask": {0: "text_batch_size", 1: "sequence_length"},
                    "pixel_values": {0: "image_batch_size"},
                    "logits_per_image": {0: "image_batch_size", 1: "text_batch_size"},
                    "logits_per_text": {0: "text_batch_size", 1: "image_batch_size"},
                    "text_embeds": {0: "text_batch_size"}, "image_embeds": {0: "image_batch_size"}})
        save_variants(m, onnx_dir, "model", ("_quantized",))
        os.remove(full)
        del m

    with open(os.path.join(tmp, "config.json"), "w") as f:
        json.dump(config_json(n_vision, n_text), f, indent=2)
    with open(os.path.join(tmp, "preprocessor_config.json"), "w") as f:
        json.dump(PREPROCESSOR, f, indent=2)
    for name in ("tokenizer.json", "tokenizer_config.json"):
        shutil.copyfile(os.path.join(REFERENCE, name), os.path.join(tmp, name))
    # reference outputs for a sanity check of the ONNX files (bench/native.mjs may compare)
    with open(os.path.join(tmp, "reference_outputs.json"), "w") as f:
        json.dump({"pixels_seed": SEED, "text_ids": ids.tolist(), "text_embeds_head": reference_text[:, :8].tolist(),
                   "image_embeds_head": reference_image[:, :8].tolist()}, f)

    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    os.rename(tmp, out)
    log(f"wrote {out} in {time.time() - t_start:.0f} s")


if __name__ == "__main__":
    main()
