#!/usr/bin/env python3
"""Writes workers/model/testdata/cast_float16.onnx, a two-node model for the worker's fp16 output
test: `half` (float16) -> Cast -> `as_float` (float32), and `single` (float32) -> Cast -> `as_half`
(float16). onnxruntime's own Cast is then the reference for decoding half-precision bits, and
`as_half` shows what onnxruntime hands out for a float16 output.

Usage: /usr/bin/python3 scripts/test-model/make_cast_float16_model.py
"""

import os

import onnx
from onnx import TensorProto, helper

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "workers", "model", "testdata", "cast_float16.onnx")

graph = helper.make_graph(
    [
        helper.make_node("Cast", ["half"], ["as_float"], to=TensorProto.FLOAT),
        helper.make_node("Cast", ["single"], ["as_half"], to=TensorProto.FLOAT16),
    ],
    "cast_float16",
    [helper.make_tensor_value_info("half", TensorProto.FLOAT16, ["n"]), helper.make_tensor_value_info("single", TensorProto.FLOAT, ["m"])],
    [helper.make_tensor_value_info("as_float", TensorProto.FLOAT, ["n"]), helper.make_tensor_value_info("as_half", TensorProto.FLOAT16, ["m"])],
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="make_cast_float16_model.py")
model.ir_version = 8
onnx.checker.check_model(model)
onnx.save(model, OUT)
print(f"wrote {OUT}")
