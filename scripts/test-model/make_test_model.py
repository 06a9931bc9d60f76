#!/usr/bin/python3
"""Trains a tiny CLIP from scratch on synthetic coloured shapes and exports it in the Hugging Face
hub layout of transformers.js ONNX exports (like Xenova/clip-vit-base-patch32):

    public/models/clip-shapes-tiny/
      config.json  preprocessor_config.json  tokenizer.json  tokenizer_config.json
      special_tokens_map.json  training_report.json
      onnx/{vision,text}_model{,_fp16,_quantized}.onnx

Run from the repository root:  /usr/bin/python3 scripts/test-model/make_test_model.py
Deterministic: fixed seeds everywhere; the data is a pure function of (seed, index).
"""

import os

# One BLAS thread: torch already runs 2 OpenMP threads, and a threaded OpenBLAS underneath them
# oversubscribes the 2 cores (measured ~1.5x slower).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "2")

import argparse  # noqa: E402
import json
import math
import multiprocessing  # noqa: E402
import random
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402
import onnx  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

import bpe  # noqa: E402
import onnx_tools  # noqa: E402
import shapes  # noqa: E402
from model import TinyCLIP  # noqa: E402

SEED = 20240607
TRAIN_DATA_SEED = 1
HELDOUT_SEED = 777
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
DEFAULT_OUT = os.path.join(REPO, "public", "models", "clip-shapes-tiny")
EVAL_DIR = os.path.join(tempfile.gettempdir(), "clip-shapes-tiny-eval")

EMBED_DIM = 64
# A ViT (model.VisionTower, 8x8 patches via a conv stem) learned too slowly on this 2-core CPU
# (~76% after 10 minutes); the small CNN reaches the accuracy target in a few minutes.
VISION = dict(arch="cnn", image_size=64, channels=(32, 64, 96))
TEXT = dict(width=64, layers=2, heads=4, context_length=77)
NUM_MERGES = 1400
OPSET = 17


def log(*a):
    print(*a, flush=True)


def seed_everything(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(2)
    torch.use_deterministic_algorithms(True, warn_only=True)


# ---------------------------------------------------------------------------------------------
# Tokenizer


def build_tokenizer():
    counts = {}
    for label in shapes.LABELS:
        for t in shapes.TEMPLATES:
            for w in bpe.pre_tokenize(shapes.caption(t, label)):
                counts[w] = counts.get(w, 0) + 20
    n = len(bpe.COMMON_WORDS)
    for rank, w in enumerate(bpe.COMMON_WORDS):  # roughly by frequency: earlier words weigh more
        for p in bpe.pre_tokenize(w):
            counts[p] = counts.get(p, 0) + 1 + (10 * (n - rank)) // n
    merges = bpe.train_bpe(counts, NUM_MERGES)
    tok = bpe.ClipBPE(merges)
    return tok, counts


def check_tokenizer(tok):
    """Checks the encoder against hand-derived expectations and returns example encodings."""
    enc = tok.encoder
    # every colour, shape and template word is a single token
    for label in shapes.LABELS:
        for t in shapes.TEMPLATES:
            for w in bpe.pre_tokenize(shapes.caption(t, label)):
                assert w + "</w>" in enc, f"{w!r} is not a single token"
    # expected ids built by hand from the vocabulary
    expected = [tok.bos_id, enc["a</w>"], enc["photo</w>"], enc["of</w>"], enc["a</w>"], enc["red</w>"],
                enc["circle</w>"], enc[".</w>"], tok.eos_id]
    assert tok.encode("a photo of a red circle.") == expected, tok.encode("a photo of a red circle.")
    assert tok.encode("  A   Blue STAR ") == [tok.bos_id, enc["a</w>"], enc["blue</w>"], enc["star</w>"], tok.eos_id]
    # an unseen word falls back to merges / byte symbols that concatenate back to the word
    toks = tok.tokens("zyzzyva")
    assert "".join(toks) == "zyzzyva</w>" and all(t in enc for t in toks), toks
    # truncation keeps the end token last
    long_ids = tok.encode(" ".join(["red"] * 100))
    assert len(long_ids) == 77 and long_ids[-1] == tok.eos_id
    examples = {}
    for text in ["a photo of a red circle.", "a blue star", "A Yellow Heart!", "a photo of a cat.",
                 "Zebras don't fly; 42 purple crosses_ok", "a drawing of an orange triangle",
                 "hexagonal pizza-shaped rocket", " ".join(["green square"] * 45)]:
        examples[text] = tok.encode(text)
    return examples


# ---------------------------------------------------------------------------------------------
# Training


def caption_table(tok):
    """All (label, template) captions as a padded id tensor [labels, templates, L]."""
    caps = [[shapes.caption(t, label) for t in shapes.TEMPLATES] for label in shapes.LABELS]
    flat = [c for row in caps for c in row]
    ids = tok.encode_padded(flat)
    return torch.tensor(ids, dtype=torch.int64).reshape(len(shapes.LABELS), len(shapes.TEMPLATES), -1)


MEAN = torch.tensor(shapes.IMAGE_MEAN).view(1, 3, 1, 1)
STD = torch.tensor(shapes.IMAGE_STD).view(1, 3, 1, 1)


def to_pixels(u8):
    """uint8 [B,64,64,3] tensor -> normalised float32 [B,3,64,64] (same as shapes.normalise)."""
    x = u8.permute(0, 3, 1, 2).float() * (1 / 255)
    return (x - MEAN) / STD


def multi_positive_loss(img, txt, labels, logit_scale):
    img = F.normalize(img, dim=-1)
    txt = F.normalize(txt, dim=-1)
    logits = logit_scale.exp() * img @ txt.t()
    pos = (labels[:, None] == labels[None, :]).float()
    target = pos / pos.sum(1, keepdim=True)
    loss_i = -(target * F.log_softmax(logits, dim=1)).sum(1).mean()
    loss_t = -(target * F.log_softmax(logits.t(), dim=1)).sum(1).mean()
    return (loss_i + loss_t) / 2


def class_contrastive_loss(img, txt, labels, logit_scale):
    """Symmetric contrastive loss between a batch of images and one caption per class (random
    template): image -> text is a cross-entropy over all class captions; text -> image is a
    multi-positive cross-entropy over the batch's images (all images of the class are positives)."""
    img = F.normalize(img, dim=-1)
    txt = F.normalize(txt, dim=-1)
    logits = logit_scale.exp() * img @ txt.t()  # [B, classes]
    loss_i = F.cross_entropy(logits, labels)
    pos = (torch.arange(txt.shape[0])[:, None] == labels[None, :]).float()  # [classes, B]
    present = pos.sum(1) > 0
    target = pos / pos.sum(1, keepdim=True).clamp(min=1)
    loss_t = -(target * F.log_softmax(logits.t(), dim=1)).sum(1)[present].mean()
    return (loss_i + loss_t) / 2


def train(model, images, labels, captions, steps, batch_size, lr, loss_mode="classes"):
    gen = torch.Generator().manual_seed(SEED + 1)
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        (decay if p.ndim >= 2 and "embedding" not in name else no_decay).append(p)
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=lr, betas=(0.9, 0.98), eps=1e-6)
    warmup = max(1, steps // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: (s + 1) / warmup if s < warmup else 0.5 * (1 + math.cos(math.pi * (s - warmup) / max(1, steps - warmup))))
    n = images.shape[0]
    n_templates = captions.shape[1]
    perm = torch.randperm(n, generator=gen)
    pos = 0
    model.train()
    t0 = time.time()
    running = None
    for step in range(steps):
        if pos + batch_size > n:
            perm = torch.randperm(n, generator=gen)
            pos = 0
        idx = perm[pos:pos + batch_size]
        pos += batch_size
        x = to_pixels(images[idx])
        flip = torch.rand(batch_size, generator=gen) < 0.5
        x = torch.where(flip.view(-1, 1, 1, 1), x.flip(-1), x)
        y = labels[idx]
        if loss_mode == "classes":
            n_labels = captions.shape[0]
            tmpl = torch.randint(0, n_templates, (n_labels,), generator=gen)
            ids = captions[torch.arange(n_labels), tmpl]
            loss = class_contrastive_loss(model.visual(x), model.text(ids), y, model.logit_scale)
        else:
            tmpl = torch.randint(0, n_templates, (batch_size,), generator=gen)
            ids = captions[y, tmpl]
            loss = multi_positive_loss(model.visual(x), model.text(ids), y, model.logit_scale)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        with torch.no_grad():
            model.logit_scale.clamp_(0, math.log(100))
        running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
        if step % 100 == 0 or step == steps - 1:
            log(f"  step {step:5d}/{steps}  loss {running:.4f}  logit_scale {model.logit_scale.exp().item():6.2f}"
                f"  lr {sched.get_last_lr()[0]:.2e}  {time.time() - t0:6.1f}s")
    model.eval()
    return time.time() - t0


@torch.no_grad()
def embed_images(model, pixels, bs=256):
    return torch.cat([model.visual(pixels[i:i + bs]) for i in range(0, len(pixels), bs)])


@torch.no_grad()
def zero_shot(model, pixels, labels, prompt_ids):
    img = F.normalize(embed_images(model, pixels), dim=-1)
    txt = F.normalize(model.text(prompt_ids), dim=-1)
    scores = 100 * img @ txt.t()
    pred = scores.argmax(1)
    return (pred == labels).float().mean().item(), pred


def clean_drawings():
    """Every colour x shape drawn plainly on white 224x224 (two palettes)."""
    u8, labels, names = [], [], []
    for pal_name, pal in shapes.CLEAN_PALETTES.items():
        for ci, colour in enumerate(shapes.COLOURS):
            for si, shape in enumerate(shapes.SHAPES):
                img = shapes.render_clean(pal[colour], shape)
                u8.append(shapes.clip_resize_crop(img))
                labels.append(ci * len(shapes.SHAPES) + si)
                names.append(f"{pal_name}:{colour} {shape}")
    return np.stack(u8), np.array(labels, np.int64), names


# ---------------------------------------------------------------------------------------------
# Export


def export_onnx(model, out_dir):
    onnx_dir = os.path.join(out_dir, "onnx")
    os.makedirs(onnx_dir, exist_ok=True)
    vis_path = os.path.join(onnx_dir, "vision_model.onnx")
    txt_path = os.path.join(onnx_dir, "text_model.onnx")
    kwargs = dict(opset_version=OPSET, do_constant_folding=True, export_params=True,
                  training=torch.onnx.TrainingMode.EVAL)
    torch.onnx.export(model.visual, (torch.zeros(2, 3, 64, 64),), vis_path,
                      input_names=["pixel_values"], output_names=["image_embeds"],
                      dynamic_axes={"pixel_values": {0: "batch_size"}, "image_embeds": {0: "batch_size"}}, **kwargs)
    ids = torch.tensor([[0, 5, 6, 7, 1, 1, 1], [0, 8, 9, 1, 1, 1, 1]])
    ids[:, 0] = model.text.token_embedding.num_embeddings - 2
    ids[ids == 1] = model.text.token_embedding.num_embeddings - 1
    torch.onnx.export(model.text, (ids,), txt_path,
                      input_names=["input_ids"], output_names=["text_embeds"],
                      dynamic_axes={"input_ids": {0: "batch_size", 1: "sequence_length"},
                                    "text_embeds": {0: "batch_size"}}, **kwargs)
    files = {}
    for name, path in (("vision_model", vis_path), ("text_model", txt_path)):
        m = onnx.load(path)
        m.producer_name = "clip-shapes-tiny/make_test_model.py (torch.onnx)"
        onnx.save(m, path)
        fp16 = onnx_tools.convert_fp16_weights(m)
        quant, n_q = onnx_tools.quantize_dynamic_uint8(m)
        onnx.save(fp16, os.path.join(onnx_dir, f"{name}_fp16.onnx"))
        onnx.save(quant, os.path.join(onnx_dir, f"{name}_quantized.onnx"))
        for suffix in ("", "_fp16", "_quantized"):
            p = os.path.join(onnx_dir, f"{name}{suffix}.onnx")
            onnx.checker.check_model(p, full_check=True)
            ops = sorted({n.op_type for n in onnx.load(p).graph.node})
            files[f"onnx/{name}{suffix}.onnx"] = ops
        log(f"  {name}: {n_q} MatMul/Gemm quantized; ops fp32 {files[f'onnx/{name}.onnx']}")
        log(f"  {name}_quantized ops {files[f'onnx/{name}_quantized.onnx']}")
    return files


# ---------------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--train-size", type=int, default=60000)
    ap.add_argument("--heldout-size", type=int, default=1200)
    ap.add_argument("--steps", type=int, default=1200)
    ap.add_argument("--batch-size", type=int, default=128)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--skip-node-check", action="store_true", help="do not run check_onnx.mjs afterwards")
    args = ap.parse_args()
    t_start = time.time()
    seed_everything(SEED)
    out = os.path.abspath(args.out)
    if os.path.isdir(out):
        shutil.rmtree(out)
    os.makedirs(out)

    # -- tokenizer
    tok, counts = build_tokenizer()
    examples = check_tokenizer(tok)
    vocab_size = len(tok.vocab)
    log(f"tokenizer: {len(tok.merges)} merges, vocab {vocab_size} (bos {tok.bos_id}, eos {tok.eos_id}), "
        f"{len(counts)} training words")
    for text in ("a photo of a red circle.", "a blue star"):
        log(f"  {text!r} -> {examples[text]}  {tok.tokens(text)}")
    with open(os.path.join(out, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tok.tokenizer_json(), f, ensure_ascii=False, indent=2)
    with open(os.path.join(out, "tokenizer_config.json"), "w") as f:
        json.dump(tok.tokenizer_config(), f, indent=2)
    with open(os.path.join(out, "special_tokens_map.json"), "w") as f:
        json.dump(tok.special_tokens_map(), f, indent=2)

    # -- data
    t0 = time.time()
    with multiprocessing.get_context("fork").Pool(2) as pool:
        train_u8, train_y = shapes.make_dataset(TRAIN_DATA_SEED, args.train_size, pool)
        held_u8, held_y = shapes.make_dataset(HELDOUT_SEED, args.heldout_size, pool)
    t_data = time.time() - t0
    log(f"data: {len(train_y)} training + {len(held_y)} held-out images in {t_data:.1f}s")
    clean_u8, clean_y, clean_names = clean_drawings()

    # -- model + training
    seed_everything(SEED)
    model = TinyCLIP(vocab_size, EMBED_DIM, VISION, TEXT)
    n_vis = sum(p.numel() for p in model.visual.parameters())
    n_txt = sum(p.numel() for p in model.text.parameters())
    log(f"model: vision {n_vis} params, text {n_txt} params")
    captions = caption_table(tok)
    t_train = train(model, torch.from_numpy(train_u8), torch.from_numpy(train_y), captions,
                    args.steps, args.batch_size, args.lr)
    log(f"training: {args.steps} steps x {args.batch_size} in {t_train:.1f}s")

    # -- PyTorch evaluation
    prompts = [shapes.EVAL_TEMPLATE.format(label) for label in shapes.LABELS]
    prompt_ids = torch.tensor(tok.encode_padded(prompts), dtype=torch.int64)
    held_px = torch.from_numpy(shapes.normalise(held_u8))
    clean_px = torch.from_numpy(shapes.normalise(clean_u8))
    acc_held, _ = zero_shot(model, held_px, torch.from_numpy(held_y), prompt_ids)
    acc_clean, pred_clean = zero_shot(model, clean_px, torch.from_numpy(clean_y), prompt_ids)
    train_sub = torch.from_numpy(shapes.normalise(train_u8[:1000]))
    acc_train, _ = zero_shot(model, train_sub, torch.from_numpy(train_y[:1000]), prompt_ids)
    wrong_clean = [f"{clean_names[i]} -> {shapes.LABELS[p]}" for i, p in enumerate(pred_clean.tolist())
                   if p != clean_y[i]]
    log(f"torch zero-shot accuracy: held-out {acc_held:.4f}, clean drawings {acc_clean:.4f}, "
        f"training subset {acc_train:.4f}")
    if wrong_clean:
        log("  clean drawings misclassified:", wrong_clean)
    # the headline case: a solid red circle of radius 30% centred on white 224x224
    red_circle = torch.from_numpy(shapes.normalise(shapes.clip_resize_crop(
        shapes.render_clean((255, 0, 0), "circle")))[None])
    with torch.no_grad():
        s = 100 * F.normalize(model.visual(red_circle), dim=-1) @ F.normalize(model.text(prompt_ids), dim=-1).t()
    red_circle_pred = shapes.LABELS[int(s.argmax())]
    log(f"  red circle on white -> {red_circle_pred!r} (score {s.max().item():.2f})")

    # -- export
    files_ops = export_onnx(model, out)

    # -- configs
    config = {
        "description": "Tiny CLIP trained from scratch on synthetic coloured shapes "
                       f"({len(shapes.COLOURS)} colours x {len(shapes.SHAPES)} shapes) by "
                       "scripts/test-model/make_test_model.py; a test model, not a general-purpose CLIP.",
        "model_type": "clip",
        "architectures": ["CLIPModel"],
        "projection_dim": EMBED_DIM,
        "logit_scale_init_value": 2.6592,
        "text_config": {
            "model_type": "clip_text_model",
            "vocab_size": vocab_size,
            "hidden_size": TEXT["width"],
            "intermediate_size": 4 * TEXT["width"],
            "num_hidden_layers": TEXT["layers"],
            "num_attention_heads": TEXT["heads"],
            "max_position_embeddings": 77,
            "hidden_act": "quick_gelu",
            "projection_dim": EMBED_DIM,
            "bos_token_id": tok.bos_id,
            "eos_token_id": tok.eos_id,
            "pad_token_id": tok.eos_id,
        },
        "vision_config": {
            "model_type": "clip_vision_model",
            "image_size": 64,
            "patch_size": model.visual.patch_size,
            "num_channels": 3,
            "hidden_size": model.visual.width,
            "num_hidden_layers": 2 * len(VISION["channels"]) - 1,
            "num_attention_heads": 0,
            "hidden_act": "quick_gelu",
            "projection_dim": EMBED_DIM,
            "backbone": "cnn: 5 conv3x3+batchnorm layers (channels %s, 64x64 -> 8x8 grid), mean+max pooling, "
                        "LayerNorm, linear projection without bias" % (list(VISION["channels"]),),
        },
        "labels": shapes.LABELS,
        "prompt_template": shapes.EVAL_TEMPLATE,
    }
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    preprocessor = {
        "crop_size": {"height": 64, "width": 64},
        "do_center_crop": True,
        "do_convert_rgb": True,
        "do_normalize": True,
        "do_rescale": True,
        "do_resize": True,
        "image_mean": shapes.IMAGE_MEAN,
        "image_std": shapes.IMAGE_STD,
        "image_processor_type": "CLIPImageProcessor",
        "resample": 3,
        "rescale_factor": 0.00392156862745098,
        "size": {"shortest_edge": 64},
    }
    with open(os.path.join(out, "preprocessor_config.json"), "w") as f:
        json.dump(preprocessor, f, indent=2)

    # -- evaluation inputs for the ONNX check (outside the repository)
    if os.path.isdir(EVAL_DIR):
        shutil.rmtree(EVAL_DIR)
    os.makedirs(EVAL_DIR)
    with torch.no_grad():
        held_emb = embed_images(model, held_px).numpy()
        clean_emb = embed_images(model, clean_px).numpy()
        prompt_emb = model.text(prompt_ids).numpy()
    for name, arr in (("heldout_pixels", held_px.numpy()), ("clean_pixels", clean_px.numpy()),
                      ("heldout_torch_embeds", held_emb), ("clean_torch_embeds", clean_emb),
                      ("prompt_torch_embeds", prompt_emb)):
        np.ascontiguousarray(arr, dtype="<f4").tofile(os.path.join(EVAL_DIR, name + ".f32"))
    meta = {
        "embed_dim": EMBED_DIM,
        "labels": shapes.LABELS,
        "prompts": prompts,
        "prompt_ids": prompt_ids.tolist(),
        "heldout_labels": held_y.tolist(),
        "clean_labels": clean_y.tolist(),
        "clean_names": clean_names,
        "torch_accuracy": {"heldout": acc_held, "clean": acc_clean},
    }
    with open(os.path.join(EVAL_DIR, "meta.json"), "w") as f:
        json.dump(meta, f)

    # -- report
    sizes = {}
    for root, _, names in os.walk(out):
        for nm in names:
            p = os.path.join(root, nm)
            sizes[os.path.relpath(p, out)] = os.path.getsize(p)
    report = {
        "seed": SEED,
        "train_data_seed": TRAIN_DATA_SEED,
        "heldout_seed": HELDOUT_SEED,
        "torch_version": torch.__version__,
        "onnx_version": onnx.__version__,
        "opset": OPSET,
        "colours": shapes.COLOURS,
        "shapes": shapes.SHAPES,
        "labels": shapes.LABELS,
        "train_templates": shapes.TEMPLATES,
        "eval_template": shapes.EVAL_TEMPLATE,
        "train_images": int(len(train_y)),
        "heldout_images": int(len(held_y)),
        "clean_drawings": int(len(clean_y)),
        "steps": args.steps,
        "batch_size": args.batch_size,
        "lr": args.lr,
        "data_generation_seconds": round(t_data, 1),
        "training_seconds": round(t_train, 1),
        "parameters": {"vision": n_vis, "text": n_txt, "logit_scale": 1, "total": n_vis + n_txt + 1},
        "logit_scale": round(model.logit_scale.exp().item(), 3),
        "vocab_size": vocab_size,
        "num_merges": len(tok.merges),
        "tokenizer_examples": examples,
        "accuracy": {
            "torch_heldout": round(acc_held, 4),
            "torch_clean_drawings": round(acc_clean, 4),
            "torch_train_subset": round(acc_train, 4),
        },
        "clean_drawings_misclassified_torch": wrong_clean,
        "red_circle_on_white_prediction": red_circle_pred,
        "onnx_ops": files_ops,
    }
    report_path = os.path.join(out, "training_report.json")

    def write_report():
        sizes = {}
        for root, _, names in os.walk(out):
            for nm in names:
                if nm != "training_report.json":
                    p = os.path.join(root, nm)
                    sizes[os.path.relpath(p, out)] = os.path.getsize(p)
        report["file_sizes"] = dict(sorted(sizes.items()))
        report["total_size_bytes_excluding_report"] = sum(sizes.values())
        report["total_seconds"] = round(time.time() - t_start, 1)
        with open(report_path, "w") as f:
            json.dump(report, f, indent=2)

    write_report()

    # -- ONNX check and ONNX accuracy (onnxruntime-node; there is no Python onnxruntime here)
    ok = True
    if not args.skip_node_check:
        results_path = os.path.join(EVAL_DIR, "onnx_results.json")
        cmd = ["node", os.path.join(HERE, "check_onnx.mjs"), "--model-dir", out, "--eval-dir", EVAL_DIR,
               "--json-out", results_path]
        log("running", " ".join(cmd))
        try:
            rc = subprocess.call(cmd, cwd=REPO)
        except FileNotFoundError:
            rc = None
            log("node not found; skipping the ONNX check")
        if rc is not None:
            ok = rc == 0
            if os.path.exists(results_path):
                with open(results_path) as f:
                    res = json.load(f)
                report["onnx_check"] = res
                for key, val in res.get("accuracy", {}).items():
                    report["accuracy"][key] = val
            report["onnx_check_passed"] = ok
    write_report()
    log(f"accuracy: {json.dumps(report['accuracy'])}")
    log(f"files ({report['total_size_bytes_excluding_report']} bytes without the report):")
    for k, v in report["file_sizes"].items():
        log(f"  {v:9d}  {k}")
    log(f"done in {time.time() - t_start:.1f}s")
    if report["total_size_bytes_excluding_report"] > 5_000_000:
        log("ERROR: model folder exceeds 5 MB")
        ok = False
    if acc_held < 0.9:
        log("ERROR: held-out accuracy below 90%")
        ok = False
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
