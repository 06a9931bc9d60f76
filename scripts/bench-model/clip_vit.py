"""CLIP ViT-B/32 in plain torch modules, laid out like Hugging Face's CLIPModel (same shapes, same
ops per layer: separate q/k/v projections with bias, pre-LayerNorm blocks, quick_gelu MLP,
class-token pooling with post LayerNorm, projections without bias)."""

import torch
from torch import nn


class QuickGELU(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(1.702 * x)


class Attention(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.head_dim = width // heads
        self.scale = self.head_dim ** -0.5
        self.q_proj = nn.Linear(width, width)
        self.k_proj = nn.Linear(width, width)
        self.v_proj = nn.Linear(width, width)
        self.out_proj = nn.Linear(width, width)

    def forward(self, x, mask=None):
        b, n, c = x.shape[0], x.shape[1], x.shape[2]

        def split(t):
            return t.reshape(b, n, self.heads, self.head_dim).transpose(1, 2)

        q = split(self.q_proj(x) * self.scale)
        k = split(self.k_proj(x))
        v = split(self.v_proj(x))
        att = torch.matmul(q, k.transpose(-2, -1))
        if mask is not None:
            att = att + mask
        att = torch.softmax(att, dim=-1)
        y = torch.matmul(att, v).transpose(1, 2).reshape(b, n, c)
        return self.out_proj(y)


class EncoderLayer(nn.Module):
    def __init__(self, width, heads, intermediate):
        super().__init__()
        self.self_attn = Attention(width, heads)
        self.layer_norm1 = nn.LayerNorm(width, eps=1e-5)
        self.fc1 = nn.Linear(width, intermediate)
        self.act = QuickGELU()
        self.fc2 = nn.Linear(intermediate, width)
        self.layer_norm2 = nn.LayerNorm(width, eps=1e-5)

    def forward(self, x, mask=None):
        x = x + self.self_attn(self.layer_norm1(x), mask)
        return x + self.fc2(self.act(self.fc1(self.layer_norm2(x))))


class VisionTower(nn.Module):
    """CLIPVisionModelWithProjection: pixel_values [B,3,224,224] -> image_embeds [B,512]."""

    def __init__(self, width=768, layers=12, heads=12, patch=32, image=224, projection=512):
        super().__init__()
        self.patch_embedding = nn.Conv2d(3, width, patch, stride=patch, bias=False)
        self.class_embedding = nn.Parameter(torch.empty(width))
        self.position_embedding = nn.Parameter(torch.empty((image // patch) ** 2 + 1, width))
        self.pre_layrnorm = nn.LayerNorm(width, eps=1e-5)
        self.layers = nn.ModuleList([EncoderLayer(width, heads, 4 * width) for _ in range(layers)])
        self.post_layernorm = nn.LayerNorm(width, eps=1e-5)
        self.visual_projection = nn.Linear(width, projection, bias=False)

    def forward(self, pixel_values):
        x = self.patch_embedding(pixel_values).flatten(2).transpose(1, 2)  # [B, 49, W]
        cls = self.class_embedding.reshape(1, 1, -1).expand(x.shape[0], -1, -1)
        x = torch.cat([cls, x], dim=1) + self.position_embedding
        x = self.pre_layrnorm(x)
        for layer in self.layers:
            x = layer(x)
        return self.visual_projection(self.post_layernorm(x[:, 0, :]))


class TextTower(nn.Module):
    """CLIPTextModelWithProjection: input_ids [B,L<=77] -> text_embeds [B,512], pooled at argmax(ids)."""

    def __init__(self, vocab=49408, width=512, layers=12, heads=8, context=77, projection=512):
        super().__init__()
        self.width = width
        self.token_embedding = nn.Embedding(vocab, width)
        self.position_embedding = nn.Parameter(torch.empty(context, width))
        self.layers = nn.ModuleList([EncoderLayer(width, heads, 4 * width) for _ in range(layers)])
        self.final_layer_norm = nn.LayerNorm(width, eps=1e-5)
        self.text_projection = nn.Linear(width, projection, bias=False)
        # -1e4 rather than float32's minimum, so that the fp16 variant can store it
        mask = torch.full((context, context), -1e4).triu(1)
        self.register_buffer("causal_mask", mask, persistent=False)

    def forward(self, input_ids):
        n = input_ids.shape[1]
        x = self.token_embedding(input_ids) + self.position_embedding[:n]
        mask = self.causal_mask[:n, :n]
        for layer in self.layers:
            x = layer(x, mask)
        x = self.final_layer_norm(x)
        # the end token (49407) is the largest id; ArgMax on int32 (onnxruntime has no int64 ArgMax)
        eot = input_ids.to(torch.int32).argmax(dim=-1).to(torch.int64)
        pooled = torch.gather(x, 1, eot.reshape(-1, 1, 1).expand(-1, 1, self.width))[:, 0, :]
        return self.text_projection(pooled)


class ClipPair(nn.Module):
    """The combined graph transformers.js' CLIPModel (and its zero-shot pipeline) loads as onnx/model*.onnx."""

    def __init__(self, vision, text, logit_scale=4.6052):
        super().__init__()
        self.vision = vision
        self.text = text
        self.logit_scale = nn.Parameter(torch.tensor(logit_scale))

    def forward(self, input_ids, pixel_values, attention_mask):
        image_embeds = self.vision(pixel_values)
        # the causal text tower reads the first end token; the mask is accepted like HF's export
        text_embeds = self.text(input_ids + 0 * attention_mask)
        image_embeds = image_embeds / image_embeds.norm(dim=-1, keepdim=True)
        text_embeds = text_embeds / text_embeds.norm(dim=-1, keepdim=True)
        logits_per_text = self.logit_scale.exp() * text_embeds @ image_embeds.t()
        return logits_per_text.t(), logits_per_text, text_embeds, image_embeds


def init_weights(module, generator):
    """HF CLIP-like init (normal, std 0.02; LayerNorm 1/0), drawn from one seeded generator."""
    for name, p in module.named_parameters():
        with torch.no_grad():
            if name.endswith("layer_norm1.weight") or name.endswith("layer_norm2.weight") or "layrnorm.weight" in name \
                    or "layernorm.weight" in name or "final_layer_norm.weight" in name:
                p.fill_(1.0)
            elif p.ndim == 1 and "embedding" not in name:
                p.zero_()
            else:
                p.copy_(torch.randn(p.shape, generator=generator) * 0.02)
