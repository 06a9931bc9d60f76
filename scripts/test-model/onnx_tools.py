"""fp16 and dynamic-int8 variants of an fp32 ONNX model, written with the `onnx` package only.

Two 8-bit schemes:
- `quantize_dynamic_uint8`: the test model's (per-tensor uint8, MatMul/Gemm only).
- `quantize_dynamic_published`: the scheme of the transformers.js `_quantized` files on the hub
  (onnxruntime `quantize_dynamic` as called by transformers.js' scripts/convert.py for CLIP:
  per_channel=True, reduce_range=True, weight type QUInt8 when the graph has a Conv and QInt8
  otherwise, every quantisable op type: MatMul, Conv and Gather of a constant table).
"""

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def convert_fp16_weights(model):
    """Stores every float32 initializer as float16 and inserts a Cast back to float32 in front
    of its users. Graph inputs/outputs stay float32 (keep_io_types behaviour); compute stays
    float32, so the result matches the fp32 model up to the fp16 rounding of the weights."""
    m = onnx.ModelProto()
    m.CopyFrom(model)
    g = m.graph
    inits, casts = [], []
    for init in g.initializer:
        if init.data_type == TensorProto.FLOAT:
            arr = numpy_helper.to_array(init)
            if np.abs(arr).max(initial=0) > 65504:
                raise ValueError(f"{init.name} does not fit in float16")
            half = numpy_helper.from_array(arr.astype(np.float16), init.name + "_fp16")
            inits.append(half)
            casts.append(helper.make_node("Cast", [half.name], [init.name], name=init.name + "_cast_to_fp32",
                                          to=TensorProto.FLOAT))
        else:
            inits.append(init)
    del g.initializer[:]
    g.initializer.extend(inits)
    nodes = casts + list(g.node)
    del g.node[:]
    g.node.extend(nodes)
    return m


def _quantize_weight_uint8(w):
    """onnxruntime quantize_dynamic's per-tensor asymmetric uint8 scheme."""
    rmin = min(float(w.min()), 0.0)
    rmax = max(float(w.max()), 0.0)
    scale = (rmax - rmin) / 255.0 if rmax > rmin else 1.0
    zero_point = int(np.clip(round(-rmin / scale), 0, 255))
    q = np.clip(np.rint(w / scale) + zero_point, 0, 255).astype(np.uint8)
    return q, np.float32(scale), np.uint8(zero_point)


def quantize_dynamic_uint8(model):
    """Dynamic 8-bit quantisation of every MatMul/Gemm whose B input is a constant weight:
    DynamicQuantizeLinear(activation) -> MatMulInteger(a_q, W_q, a_zp, W_zp) -> Cast(float)
    -> Mul(a_scale * W_scale) [-> Add(bias) for Gemm]. Conv and everything else stay float."""
    m = onnx.ModelProto()
    m.CopyFrom(model)
    g = m.graph
    inits = {i.name: i for i in g.initializer}
    use_count = {}
    for n in g.node:
        for i in n.input:
            use_count[i] = use_count.get(i, 0) + 1

    new_nodes, new_inits, drop_inits = [], [], set()
    dyn_q = {}  # activation name -> (quantized, scale, zero point)
    n_quantized = 0
    for node in g.node:
        is_mm = node.op_type == "MatMul"
        is_gemm = node.op_type == "Gemm"
        if not (is_mm or is_gemm) or node.input[1] not in inits:
            new_nodes.append(node)
            continue
        attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
        if is_gemm and (attrs.get("transA", 0) or attrs.get("alpha", 1.0) != 1.0 or attrs.get("beta", 1.0) != 1.0):
            new_nodes.append(node)
            continue
        w_init = inits[node.input[1]]
        w = numpy_helper.to_array(w_init).astype(np.float32)
        if w.ndim != 2 or w_init.data_type != TensorProto.FLOAT:
            new_nodes.append(node)
            continue
        if is_gemm and attrs.get("transB", 0):
            w = w.T
        a = node.input[0]
        if a not in dyn_q:
            qa, sa, za = a + "_quantized", a + "_scale", a + "_zero_point"
            new_nodes.append(helper.make_node("DynamicQuantizeLinear", [a], [qa, sa, za], name=a + "_QuantizeLinear"))
            dyn_q[a] = (qa, sa, za)
        qa, sa, za = dyn_q[a]
        wq, ws, wz = _quantize_weight_uint8(w)
        wname = node.input[1]
        new_inits += [numpy_helper.from_array(wq, wname + "_quantized"),
                      numpy_helper.from_array(np.array(ws, np.float32), wname + "_scale"),
                      numpy_helper.from_array(np.array(wz, np.uint8), wname + "_zero_point")]
        if use_count.get(wname, 0) == 1:
            drop_inits.add(wname)
        base = node.name or (node.output[0] + "_node")
        out = node.output[0]
        mm_out = out + "_output_quantized"
        cast_out = mm_out + "_cast"
        scales = base + "_scales_mul:0"
        new_nodes.append(helper.make_node("MatMulInteger", [qa, wname + "_quantized", za, wname + "_zero_point"],
                                          [mm_out], name=base + "_quant"))
        new_nodes.append(helper.make_node("Cast", [mm_out], [cast_out], name=mm_out + "_cast", to=TensorProto.FLOAT))
        new_nodes.append(helper.make_node("Mul", [sa, wname + "_scale"], [scales], name=base + "_scales_mul"))
        if is_gemm and len(node.input) > 2 and node.input[2]:
            scaled = base + "_output_scaled"
            new_nodes.append(helper.make_node("Mul", [cast_out, scales], [scaled], name=base + "_output_scale_mul"))
            new_nodes.append(helper.make_node("Add", [scaled, node.input[2]], [out], name=base + "_bias_add"))
        else:
            new_nodes.append(helper.make_node("Mul", [cast_out, scales], [out], name=base + "_output_scale_mul"))
        n_quantized += 1

    _rewrite_graph(g, new_nodes, new_inits, drop_inits)
    return m, n_quantized


def _rewrite_graph(g, nodes, new_inits, dropped):
    """Puts the rewritten node list in place, with the new initializers and without the dropped ones."""
    kept = [i for i in g.initializer if i.name not in dropped]
    del g.initializer[:]
    g.initializer.extend(kept + new_inits)
    del g.node[:]
    g.node.extend(nodes)
    # value_info from the fp32 export may describe tensors that no longer exist
    del g.value_info[:]


def _qrange(signed, reduce_range):
    """onnxruntime's get_qmin_qmax_for_qType for weights (symmetric when signed)."""
    if signed:
        return (-64, 64) if reduce_range else (-127, 127)
    return (0, 127) if reduce_range else (0, 255)


def _quantize_weight(w, signed, reduce_range, axis=None):
    """Weight quantisation as onnxruntime does it: int8 symmetric (zero point 0) or uint8
    asymmetric; per tensor (axis None) or per slice along `axis`. Returns (q, scale, zero_point)
    with scale/zero_point scalars or 1-D arrays."""
    qmin, qmax = _qrange(signed, reduce_range)
    reduce_axes = None if axis is None else tuple(i for i in range(w.ndim) if i != axis % w.ndim)
    rmin = np.minimum(w.min(axis=reduce_axes), 0.0)
    rmax = np.maximum(w.max(axis=reduce_axes), 0.0)
    if signed:
        absmax = np.maximum(np.abs(rmin), np.abs(rmax))
        rmin, rmax = -absmax, absmax
    scale = ((rmax - rmin) / (qmax - qmin)).astype(np.float32)
    scale = np.where(scale > 0, scale, np.float32(1.0)).astype(np.float32)
    zero_point = np.zeros_like(scale) if signed else np.clip(np.rint(qmin - rmin / scale), qmin, qmax)
    shape = [1] * w.ndim
    if axis is not None:
        shape[axis % w.ndim] = -1
    q = np.clip(np.rint(w / scale.reshape(shape)) + zero_point.reshape(shape), qmin, qmax)
    dtype = np.int8 if signed else np.uint8
    return q.astype(dtype), scale, zero_point.astype(dtype)


def quantize_dynamic_published(model):
    """See the module docstring. MatMul: DynamicQuantizeLinear -> MatMulInteger with per-column
    weight scales and zero points (7-bit range) -> Cast -> Mul. Conv: per-tensor ConvInteger.
    Gather of a constant table: uint8 table (full range, as an activation) -> Gather ->
    DequantizeLinear. Returns (model, {op type: count})."""
    m = onnx.ModelProto()
    m.CopyFrom(model)
    g = m.graph
    inits = {i.name: i for i in g.initializer}
    signed = not any(n.op_type == "Conv" for n in g.node)
    use_count = {}
    for n in g.node:
        for i in n.input:
            use_count[i] = use_count.get(i, 0) + 1

    new_nodes, new_inits, drop = [], [], set()
    dyn_q = {}
    counts = {"MatMul": 0, "Conv": 0, "Gather": 0}

    def const_float(name, ndim=None):
        init = inits.get(name)
        if init is None or init.data_type != TensorProto.FLOAT:
            return None
        w = numpy_helper.to_array(init).astype(np.float32)
        return w if ndim is None or w.ndim == ndim else None

    def add_weight(name, q, scale, zp):
        new_inits.extend([numpy_helper.from_array(q, name + "_quantized"),
                          numpy_helper.from_array(np.asarray(scale, np.float32), name + "_scale"),
                          numpy_helper.from_array(np.asarray(zp), name + "_zero_point")])
        if use_count.get(name, 0) == 1:
            drop.add(name)

    def dynamic_input(a):
        if a not in dyn_q:
            dyn_q[a] = (a + "_quantized", a + "_scale", a + "_zero_point")
            new_nodes.append(helper.make_node("DynamicQuantizeLinear", [a], list(dyn_q[a]), name=a + "_QuantizeLinear"))
        return dyn_q[a]

    def rescale(base, int_out, a_scale, w_name, out):
        cast_out, scales = int_out + "_cast", base + "_scales_mul:0"
        new_nodes.append(helper.make_node("Cast", [int_out], [cast_out], name=int_out + "_cast", to=TensorProto.FLOAT))
        new_nodes.append(helper.make_node("Mul", [a_scale, w_name + "_scale"], [scales], name=base + "_scales_mul"))
        new_nodes.append(helper.make_node("Mul", [cast_out, scales], [out], name=base + "_output_scale_mul"))

    for node in g.node:
        base = node.name or (node.output[0] + "_node")
        if node.op_type == "MatMul" and (w := const_float(node.input[1], 2)) is not None:
            qa, sa, za = dynamic_input(node.input[0])
            wname = node.input[1]
            add_weight(wname, *_quantize_weight(w, signed, reduce_range=True, axis=1))
            mm_out = node.output[0] + "_output_quantized"
            new_nodes.append(helper.make_node("MatMulInteger", [qa, wname + "_quantized", za, wname + "_zero_point"],
                                              [mm_out], name=base + "_quant"))
            rescale(base, mm_out, sa, wname, node.output[0])
            counts["MatMul"] += 1
        elif node.op_type == "Conv" and (w := const_float(node.input[1])) is not None:
            qa, sa, za = dynamic_input(node.input[0])
            wname = node.input[1]
            add_weight(wname, *_quantize_weight(w, signed, reduce_range=True))
            conv_out = node.output[0] + "_output_quantized"
            scaled = node.output[0] if len(node.input) < 3 or not node.input[2] else node.output[0] + "_scaled"
            new_nodes.append(helper.make_node("ConvInteger", [qa, wname + "_quantized", za, wname + "_zero_point"],
                                              [conv_out], name=base + "_quant", **{a.name: helper.get_attribute_value(a)
                                                                                  for a in node.attribute}))
            rescale(base, conv_out, sa, wname, scaled)
            if scaled != node.output[0]:
                bias = node.input[2] + "_reshaped"
                new_inits.append(numpy_helper.from_array(np.array([1, -1, 1, 1], np.int64), bias + "_shape"))
                new_nodes.append(helper.make_node("Reshape", [node.input[2], bias + "_shape"], [bias], name=base + "_bias_reshape"))
                new_nodes.append(helper.make_node("Add", [scaled, bias], [node.output[0]], name=base + "_bias_add"))
            counts["Conv"] += 1
        elif node.op_type == "Gather" and (w := const_float(node.input[0])) is not None:
            wname = node.input[0]
            add_weight(wname, *_quantize_weight(w, signed=False, reduce_range=False))
            gathered = node.output[0] + "_quantized"
            new_nodes.append(helper.make_node("Gather", [wname + "_quantized", node.input[1]], [gathered], name=base,
                                              **{a.name: helper.get_attribute_value(a) for a in node.attribute}))
            new_nodes.append(helper.make_node("DequantizeLinear", [gathered, wname + "_scale", wname + "_zero_point"],
                                              [node.output[0]], name=base + "_DequantizeLinear"))
            counts["Gather"] += 1
        else:
            new_nodes.append(node)

    _rewrite_graph(g, new_nodes, new_inits, drop)
    return m, counts
