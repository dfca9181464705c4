#!/usr/bin/env python3
"""Peer of `sobolev batch` (issue 26): the same network's value and input gradient in NumPy, CSV in and out.

    batch_numpy.py --model M --in scenarios.csv --out priced.csv [--check ours.csv --rows 16]

Reads the Sobolev model file (format sobolev-mlp: architecture.widths and activations, the flat parameter
vector laid out layer by layer as W row-major n_l x n_(l-1) then b, normalisation xMean/xStd/yMean/yStd),
reads the scenarios with pandas.read_csv (float_precision="round_trip": the default C parser can be one ulp off,
and the peer must price the same points), maps columns to the model's inputs by name, runs the forward pass
and one reverse sweep for all rows at once (float64 matrix products), writes every input column as read plus
`value` and `delta_<input>` in data units with DataFrame.to_csv, and prints one JSON line with rows, seconds
(read + price + write, after imports) and rows per second. With --check it compares the first --rows rows of
value and deltas against another file with the same columns (ours) and fails when any difference exceeds
1e-12 of the largest magnitude in its column (it also prints the largest pointwise relative difference);
the comparison is not timed.
"""
import argparse
import json
import sys
import time

import numpy as np
import pandas as pd


def activation(name):
    """f and f' of a hidden or output activation label of the model file."""
    def sigmoid(z):
        return 0.5 * (1.0 + np.tanh(0.5 * z))
    if name == "identity":
        return (lambda z: z), (lambda z: np.ones_like(z))
    if name == "silu":
        def f(z):
            return z * sigmoid(z)

        def df(z):
            s = sigmoid(z)
            return s + z * s * (1.0 - s)
        return f, df
    if name == "softplus":
        return (lambda z: np.logaddexp(0.0, z)), sigmoid
    if name == "tanh":
        return np.tanh, (lambda z: 1.0 - np.tanh(z) ** 2)
    if name == "sigmoid":
        return sigmoid, (lambda z: sigmoid(z) * (1.0 - sigmoid(z)))
    if name == "relu":
        return (lambda z: np.maximum(z, 0.0)), (lambda z: (z > 0).astype(np.float64))
    raise SystemExit("activation %r is not supported by this peer" % name)


def load(path):
    with open(path) as f:
        m = json.load(f)
    arch = m["architecture"]
    widths = arch["widths"]
    theta = np.asarray(m["parameters"], dtype=np.float64)
    layers, off = [], 0
    for l in range(1, len(widths)):
        n, p = widths[l], widths[l - 1]
        w = theta[off:off + n * p].reshape(n, p)
        off += n * p
        b = theta[off:off + n]
        off += n
        layers.append((w, b))
    if off != theta.size:
        raise SystemExit("parameters: %d values, the widths need %d" % (theta.size, off))
    norm = m["normalisation"]
    names = [i["name"] for i in m["inputs"]]
    return (names, layers, activation(arch["activation"]), activation(arch["outputActivation"]),
            np.asarray(norm["xMean"]), np.asarray(norm["xStd"]), norm["yMean"][0], norm["yStd"][0])


def price(model, x):
    """Value (n) and input gradient (n x d) in data units."""
    names, layers, (f, df), (fo, dfo), xm, xs, ym, ys = model
    a = (x - xm) / xs
    zs = []
    for l, (w, b) in enumerate(layers):
        z = a @ w.T + b
        zs.append(z)
        a = fo(z) if l == len(layers) - 1 else f(z)
    g = dfo(zs[-1]) @ layers[-1][0]          # d out / d a_L, n x width_L
    for l in range(len(layers) - 2, -1, -1):
        g = (g * df(zs[l])) @ layers[l][0]   # through the activation, then the weights below
    return ym + ys * a[:, 0], g * (ys / xs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--in", dest="inp", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--check")
    ap.add_argument("--rows", type=int, default=16)
    args = ap.parse_args()
    model = load(args.model)
    names = model[0]
    t0 = time.perf_counter()
    df = pd.read_csv(args.inp, float_precision="round_trip")  # the default parser is not exact
    missing = [n for n in names if n not in df.columns]
    if missing:
        raise SystemExit("--in: no column for inputs %s" % missing)
    value, delta = price(model, df[names].to_numpy(dtype=np.float64))
    df["value"] = value
    for j, n in enumerate(names):
        df["delta_" + n] = delta[:, j]
    df.to_csv(args.out, index=False)
    seconds = time.perf_counter() - t0
    result = {"peer": "numpy %s, pandas %s" % (np.__version__, pd.__version__), "rows": len(df),
              "seconds": seconds, "rowsPerSecond": len(df) / seconds}
    if args.check:
        ours = pd.read_csv(args.check, nrows=args.rows)
        cols = ["value"] + ["delta_" + n for n in names]
        a = df[cols].to_numpy()[:len(ours)]
        b = ours[cols].to_numpy()
        # Summation order differs (BLAS against the library's loops), so a delta that cancels to 1e-5 of its
        # column's size keeps only 1e-16/1e-5 relative accuracy on either side: scale by the column's largest.
        scale = np.maximum(np.abs(b).max(axis=0), 1e-300)
        rel = np.abs(a - b) / scale
        result["checkedRows"] = len(ours)
        result["maxDifferenceOverColumnMax"] = float(rel.max())
        result["maxPointwiseRelativeDifference"] = float((np.abs(a - b) / np.maximum(np.abs(b), 1e-300)).max())
        if rel.max() > 1e-12:
            print(json.dumps(result))
            sys.exit("values differ from %s by %.3g of the column's largest" % (args.check, rel.max()))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
