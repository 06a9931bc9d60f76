"""A small NumPy evaluator of ONNX graphs: enough operators for the bundled test model's towers
(fp32 and 8-bit), written from the ONNX operator specifications. It exists so golden values can
be computed without onnxruntime (which this machine's Python does not have) and without the
project's TypeScript; Debian's python3-onnx (1.12) predates onnx.reference.

Floating-point operators compute in float64 and round their outputs to the graph's float32, so
the results differ from onnxruntime's only by float32 summation order.
"""

import numpy as np
import onnx
from onnx import numpy_helper


def _attrs(node):
    out = {}
    for a in node.attribute:
        out[a.name] = numpy_helper.to_array(a.t) if a.type == onnx.AttributeProto.TENSOR else onnx.helper.get_attribute_value(a)
    return out


def _f32(x):
    return np.asarray(x, dtype=np.float64).astype(np.float32)


def _conv(x, w, b, pads, strides, dilations, group):
    if group != 1 or any(d != 1 for d in dilations):
        raise NotImplementedError("Conv: only group=1, dilation=1")
    n, c, h, wd = x.shape
    m, _, kh, kw = w.shape
    top, left, bottom, right = pads
    xp = np.pad(x.astype(np.float64), ((0, 0), (0, 0), (top, bottom), (left, right)))
    sh, sw = strides
    oh = (h + top + bottom - kh) // sh + 1
    ow = (wd + left + right - kw) // sw + 1
    out = np.zeros((n, m, oh, ow))
    w64 = w.astype(np.float64)
    for i in range(kh):
        for j in range(kw):
            patch = xp[:, :, i:i + sh * oh:sh, j:j + sw * ow:sw]  # n, c, oh, ow
            out += np.einsum("nchw,mc->nmhw", patch, w64[:, :, i, j])
    if b is not None:
        out += b.astype(np.float64)[None, :, None, None]
    return _f32(out)


def _dynamic_quantize_linear(x):
    # ONNX DynamicQuantizeLinear, in float32 as the specification's reference implementation.
    x = x.astype(np.float32)
    x_min = np.minimum(np.float32(0), x.min())
    x_max = np.maximum(np.float32(0), x.max())
    scale = np.float32((x_max - x_min) / np.float32(255))
    if scale == 0:
        scale = np.float32(1)  # all zeros: any scale quantizes them to the zero point
    zero_point = np.clip(np.rint(np.float32(0) - x_min / scale), 0, 255).astype(np.uint8)
    y = np.clip(np.rint(x / scale) + zero_point.astype(np.float32), 0, 255).astype(np.uint8)
    return y, np.array(scale, np.float32), np.array(zero_point, np.uint8)


def _layer_norm(x, scale, bias, axis, epsilon):
    x64 = x.astype(np.float64)
    axes = tuple(range(axis % x.ndim, x.ndim))
    mean = x64.mean(axis=axes, keepdims=True)
    var = ((x64 - mean) ** 2).mean(axis=axes, keepdims=True)
    y = (x64 - mean) / np.sqrt(var + epsilon) * scale.astype(np.float64)
    if bias is not None:
        y = y + bias.astype(np.float64)
    return _f32(y)


def _slice(data, starts, ends, axes=None, steps=None):
    axes = range(len(starts)) if axes is None else [int(a) % data.ndim for a in axes]
    steps = [1] * len(starts) if steps is None else steps
    index = [slice(None)] * data.ndim
    for start, end, axis, step in zip(starts, ends, axes, steps):
        index[axis] = slice(int(start), int(end), int(step))  # Python slicing clamps like ONNX
    return data[tuple(index)]


def _reshape(data, shape):
    shape = [data.shape[i] if s == 0 else int(s) for i, s in enumerate(shape)]
    return data.reshape(shape)


def _onnx_to_numpy_type(to):
    return onnx.helper.tensor_dtype_to_np_dtype(to) if hasattr(onnx.helper, "tensor_dtype_to_np_dtype") else onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[to]


def _run_node(op, inputs, a):
    if op == "Constant":
        return [a["value"]]
    if op == "Conv":
        b = inputs[2] if len(inputs) > 2 else None
        return [_conv(inputs[0], inputs[1], b, a.get("pads", [0, 0, 0, 0]), a.get("strides", [1, 1]), a.get("dilations", [1, 1]), a.get("group", 1))]
    if op == "Add":
        return [_f32(inputs[0].astype(np.float64) + inputs[1]) if inputs[0].dtype == np.float32 else inputs[0] + inputs[1]]
    if op == "Mul":
        return [_f32(inputs[0].astype(np.float64) * inputs[1]) if inputs[0].dtype == np.float32 else inputs[0] * inputs[1]]
    if op == "Sigmoid":
        return [_f32(1 / (1 + np.exp(-inputs[0].astype(np.float64))))]
    if op == "Softmax":
        x = inputs[0].astype(np.float64)
        e = np.exp(x - x.max(axis=a.get("axis", -1), keepdims=True))
        return [_f32(e / e.sum(axis=a.get("axis", -1), keepdims=True))]
    if op == "MatMul":
        return [_f32(np.matmul(inputs[0].astype(np.float64), inputs[1].astype(np.float64)))]
    if op == "MatMulInteger":
        a_zp = inputs[2] if len(inputs) > 2 else np.array(0)
        b_zp = inputs[3] if len(inputs) > 3 else np.array(0)
        return [np.matmul(inputs[0].astype(np.int64) - a_zp.astype(np.int64), inputs[1].astype(np.int64) - b_zp.astype(np.int64)).astype(np.int32)]
    if op == "DynamicQuantizeLinear":
        return list(_dynamic_quantize_linear(inputs[0]))
    if op == "LayerNormalization":
        return [_layer_norm(inputs[0], inputs[1], inputs[2] if len(inputs) > 2 else None, a.get("axis", -1), a.get("epsilon", 1e-5))]
    if op == "ReduceMean":
        return [_f32(inputs[0].astype(np.float64).mean(axis=tuple(a["axes"]), keepdims=bool(a.get("keepdims", 1))))]
    if op == "ReduceMax":
        return [inputs[0].max(axis=tuple(a["axes"]), keepdims=bool(a.get("keepdims", 1)))]
    if op == "Shape":
        return [np.array(inputs[0].shape, dtype=np.int64)]
    if op == "Slice":
        return [_slice(*inputs)]
    if op == "Concat":
        return [np.concatenate(inputs, axis=a["axis"])]
    if op == "Reshape":
        if a.get("allowzero", 0):
            raise NotImplementedError("Reshape allowzero=1")
        return [_reshape(inputs[0], inputs[1])]
    if op == "Gather":
        return [np.take(inputs[0], inputs[1], axis=a.get("axis", 0))]
    if op == "GatherElements":
        return [np.take_along_axis(inputs[0], inputs[1], axis=a.get("axis", 0))]
    if op == "Unsqueeze":
        out = inputs[0]
        for axis in sorted(int(x) % (out.ndim + len(inputs[1])) for x in inputs[1]):
            out = np.expand_dims(out, axis)
        return [out]
    if op == "Transpose":
        return [np.transpose(inputs[0], a.get("perm"))]
    if op == "Cast":
        return [inputs[0].astype(_onnx_to_numpy_type(a["to"]))]
    if op == "ArgMax":
        if a.get("select_last_index", 0):
            raise NotImplementedError("ArgMax select_last_index=1")
        out = np.argmax(inputs[0], axis=a.get("axis", 0))  # the first maximum, as ONNX's default
        return [np.expand_dims(out, a.get("axis", 0)).astype(np.int64) if a.get("keepdims", 1) else out.astype(np.int64)]
    if op == "ConstantOfShape":
        value = a.get("value", np.zeros(1, np.float32))
        return [np.full(tuple(int(s) for s in inputs[0]), value.reshape(-1)[0], dtype=value.dtype)]
    if op == "Equal":
        return [np.equal(inputs[0], inputs[1])]
    if op == "Where":
        return [np.where(inputs[0], inputs[1], inputs[2])]
    if op == "Expand":
        shape = np.broadcast_shapes(inputs[0].shape, tuple(int(s) for s in inputs[1]))
        return [np.broadcast_to(inputs[0], shape).copy()]
    raise NotImplementedError(f"operator {op}")


class Model:
    def __init__(self, path):
        self.graph = onnx.load(path).graph
        self.initializers = {t.name: numpy_helper.to_array(t) for t in self.graph.initializer}

    def run(self, feeds):
        values = dict(self.initializers)
        values.update(feeds)
        for node in self.graph.node:
            inputs = [values[name] if name else None for name in node.input]
            while inputs and inputs[-1] is None:
                inputs.pop()
            outputs = _run_node(node.op_type, inputs, _attrs(node))
            for name, value in zip(node.output, outputs):
                values[name] = value
        return {o.name: values[o.name] for o in self.graph.output}
