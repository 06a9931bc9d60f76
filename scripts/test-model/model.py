"""A tiny CLIP: ViT-style image tower (small convolutional patch stem) and causal text tower."""

import math

import torch
from torch import nn


class QuickGELU(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(1.702 * x)


class Block(nn.Module):
    """Pre-LayerNorm transformer block (as in CLIP)."""

    def __init__(self, width, heads, mlp_ratio=4):
        super().__init__()
        self.heads = heads
        self.head_dim = width // heads
        self.ln_1 = nn.LayerNorm(width)
        self.qkv = nn.Linear(width, 3 * width)
        self.out_proj = nn.Linear(width, width)
        self.ln_2 = nn.LayerNorm(width)
        self.fc1 = nn.Linear(width, mlp_ratio * width)
        self.act = QuickGELU()
        self.fc2 = nn.Linear(mlp_ratio * width, width)

    def forward(self, x, mask=None):
        b, n, c = x.shape[0], x.shape[1], x.shape[2]
        h = self.ln_1(x)
        qkv = self.qkv(h).reshape(b, n, 3, self.heads, self.head_dim).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        att = torch.matmul(q * (1.0 / math.sqrt(self.head_dim)), k.transpose(-2, -1))
        if mask is not None:
            att = att + mask
        att = torch.softmax(att, dim=-1)
        y = torch.matmul(att, v).transpose(1, 2).reshape(b, n, c)
        x = x + self.out_proj(y)
        x = x + self.fc2(self.act(self.fc1(self.ln_2(x))))
        return x


class VisionTower(nn.Module):
    def __init__(self, image_size=64, width=64, layers=4, heads=4, embed_dim=64, stem=(24, 48), batchnorm=True):
        super().__init__()
        c1, c2 = stem
        norm = (lambda c: nn.BatchNorm2d(c)) if batchnorm else (lambda c: nn.Identity())
        # three stride-2 3x3 convolutions: 64x64 -> 8x8 grid, i.e. one token per 8x8 patch
        # (batch norms are folded into the convolutions by the ONNX export)
        self.stem = nn.Sequential(
            nn.Conv2d(3, c1, 3, stride=2, padding=1), norm(c1), QuickGELU(),
            nn.Conv2d(c1, c2, 3, stride=2, padding=1), norm(c2), QuickGELU(),
            nn.Conv2d(c2, width, 3, stride=2, padding=1),
        )
        self.patch_size = 8
        grid = image_size // self.patch_size
        scale = width ** -0.5
        self.class_embedding = nn.Parameter(scale * torch.randn(1, 1, width))
        self.positional_embedding = nn.Parameter(scale * torch.randn(1, grid * grid + 1, width))
        self.ln_pre = nn.LayerNorm(width)
        self.blocks = nn.ModuleList([Block(width, heads) for _ in range(layers)])
        self.ln_post = nn.LayerNorm(width)
        self.proj = nn.Linear(width, embed_dim, bias=False)

    def forward(self, pixel_values):
        x = self.stem(pixel_values)  # [B, W, 8, 8]
        x = x.flatten(2).transpose(1, 2)  # [B, 64, W]
        cls = self.class_embedding.expand(x.shape[0], -1, -1)
        x = torch.cat([cls, x], dim=1) + self.positional_embedding
        x = self.ln_pre(x)
        for blk in self.blocks:
            x = blk(x)
        return self.proj(self.ln_post(x[:, 0, :]))


class TextTower(nn.Module):
    def __init__(self, vocab_size, width=64, layers=3, heads=4, embed_dim=64, context_length=77):
        super().__init__()
        self.width = width
        self.token_embedding = nn.Embedding(vocab_size, width)
        self.positional_embedding = nn.Parameter(0.01 * torch.randn(context_length, width))
        nn.init.normal_(self.token_embedding.weight, std=0.02)
        self.blocks = nn.ModuleList([Block(width, heads) for _ in range(layers)])
        self.ln_final = nn.LayerNorm(width)
        self.proj = nn.Linear(width, embed_dim, bias=False)
        mask = torch.full((context_length, context_length), -1e4).triu(1)
        self.register_buffer("causal_mask", mask, persistent=False)

    def forward(self, input_ids):
        n = input_ids.shape[1]
        x = self.token_embedding(input_ids) + self.positional_embedding[:n]
        mask = self.causal_mask[:n, :n]
        for blk in self.blocks:
            x = blk(x, mask)
        # feature at the first end-of-text token (highest id), as HF CLIP does; argmax on int32
        # because onnxruntime's ArgMax has no int64 kernel
        eot = input_ids.to(torch.int32).argmax(dim=-1).to(torch.int64)
        idx = eot.reshape(-1, 1, 1).expand(-1, 1, self.width)
        pooled = torch.gather(x, 1, idx)[:, 0, :]
        return self.proj(self.ln_final(pooled))


class TinyCLIP(nn.Module):
    def __init__(self, vocab_size, embed_dim=64, vision=None, text=None):
        super().__init__()
        vision = dict(vision or {})
        arch = vision.pop("arch", "vit")
        tower = ConvVisionTower if arch == "cnn" else VisionTower
        self.visual = tower(embed_dim=embed_dim, **vision)
        self.text = TextTower(vocab_size, embed_dim=embed_dim, **(text or {}))
        self.logit_scale = nn.Parameter(torch.tensor(math.log(1 / 0.07)))


class ConvVisionTower(nn.Module):
    """Small CNN image tower (conv-BN-act x5, 64x64 -> 8x8), mean+max pooled, LayerNorm, then a
    linear projection without bias, like CLIP's towers end."""

    def __init__(self, image_size=64, channels=(32, 64, 96), embed_dim=64):
        super().__init__()
        layers, c_in = [], 3
        for i, c in enumerate(channels):
            layers += [nn.Conv2d(c_in, c, 3, stride=2, padding=1, bias=False), nn.BatchNorm2d(c), QuickGELU()]
            if i > 0:  # no extra full-resolution conv in the first stage (too slow on CPU)
                layers += [nn.Conv2d(c, c, 3, stride=1, padding=1, bias=False), nn.BatchNorm2d(c), QuickGELU()]
            c_in = c
        self.features = nn.Sequential(*layers)
        self.patch_size = image_size // 8  # each output cell covers an 8x8 patch
        self.width = 2 * c_in
        self.ln_post = nn.LayerNorm(self.width)
        self.proj = nn.Linear(self.width, embed_dim, bias=False)

    def forward(self, pixel_values):
        x = self.features(pixel_values).flatten(2)  # [B, C, 64]
        pooled = torch.cat([x.mean(dim=2), x.amax(dim=2)], dim=1)
        return self.proj(self.ln_post(pooled))
