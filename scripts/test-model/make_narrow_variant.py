#!/usr/bin/env python3
"""
A second test model with a different embedding size, for end-to-end tests of switching between
models whose embeddings cannot be compared (the bundled model gives 64 values, this one 32).

It is the bundled shapes model's 8-bit towers with a Slice appended to each output: the first 32
of the 64 embedding values. Scores still make sense (both towers keep the same 32 dimensions),
so the variant still names shapes, only with a narrower embedding.

Writes e2e/fixtures/clip-shapes-narrow/onnx/{vision,text}_model_quantized.onnx and a config.json
with projection_dim 32; the other files (tokenizer, preprocessor) are the bundled model's, which
the test serves under the variant's name. Run: /usr/bin/python3 scripts/test-model/make_narrow_variant.py
"""
import hashlib
import json
import os

import onnx
from onnx import helper, TensorProto

ROOT = os.path.join(os.path.dirname(__file__), '..', '..')
SOURCE = os.path.join(ROOT, 'public', 'models', 'clip-shapes-tiny')
OUT = os.path.join(ROOT, 'e2e', 'fixtures', 'clip-shapes-narrow')
DIM = 32


def narrow(tower: str) -> str:
    path = os.path.join(SOURCE, 'onnx', f'{tower}_model_quantized.onnx')
    model = onnx.load(path)
    graph = model.graph
    output = graph.output[0]
    wide = output.name + '_wide'
    # Rename the producer's output, then slice it into the original name.
    for node in graph.node:
        node.output[:] = [wide if name == output.name else name for name in node.output]
    consts = [
        helper.make_tensor(f'{tower}_slice_{name}', TensorProto.INT64, [1], [value])
        for name, value in (('starts', 0), ('ends', DIM), ('axes', 1))
    ]
    graph.initializer.extend(consts)
    graph.node.append(helper.make_node('Slice', [wide] + [c.name for c in consts], [output.name], name=f'{tower}_narrow'))
    output.type.tensor_type.shape.dim[1].dim_value = DIM
    onnx.checker.check_model(model)
    os.makedirs(os.path.join(OUT, 'onnx'), exist_ok=True)
    onnx.save(model, os.path.join(OUT, 'onnx', f'{tower}_model_quantized.onnx'))
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def main() -> None:
    sources = {tower: narrow(tower) for tower in ('vision', 'text')}
    with open(os.path.join(SOURCE, 'config.json')) as f:
        config = json.load(f)
    config['projection_dim'] = DIM
    config['text_config']['projection_dim'] = DIM
    config['vision_config']['projection_dim'] = DIM
    config['description'] = f'The bundled shapes model with {DIM}-value embeddings (a test fixture made by scripts/test-model/make_narrow_variant.py).'
    config['made_from_sha256'] = sources
    with open(os.path.join(OUT, 'config.json'), 'w') as f:
        json.dump(config, f, indent=2)
        f.write('\n')
    print(f'wrote {OUT}')


if __name__ == '__main__':
    main()
