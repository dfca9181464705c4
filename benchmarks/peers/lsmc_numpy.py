#!/usr/bin/python3
"""NumPy peer of Sobolev's LSMC training-set generator (issue 3), timed.

The vectorised Huge-Savine generator ("Differential Machine Learning", arXiv 2005.02347, public notebook
`DifferentialML.ipynb`, class `Bachelier.trainingSet`) with the Kichler recipe's smoothed call
f(x) = (x-K)*sigma((x-K)/w), K = 1.10, w = 0.05, T1 = 1, T2 = 2, volMult = 1.5, antithetic pair:

  full     : the notebook's d-dimensional increments
             normals = N(size=[2, m, n]); inc0 = normals[0] @ chol0.T; inc1 = normals[1] @ chol.T
             S1 = S0 + inc0; S2 = S1 + inc1; S2a = S1 - inc1; B+ = S2 @ w; B- = S2a @ w
  shortcut : Sobolev's kernel: one normal per row for the basket increment (exact in distribution)
             B+- = S1 @ w +- sigma_B*sqrt(tau)*z1

Y = (f(B+)+f(B-))/2, dY/dX = (f'(B+)+f'(B-))/2 * w. Markets: d = 7 the published Kichler market (same
numbers as Sobolev's BasketMarkets), other d a Huge-Savine random market from NumPy seed 42 (the same
generator as Sobolev's, but a different random stream, so not the same numbers; throughput does not
depend on them). Random numbers: `legacy` = np.random.normal (MT19937, as in the notebook), `pcg64` =
np.random.default_rng().standard_normal (PCG64 + ziggurat, NumPy's fast path).

Prints one JSON object per (variant, rng, d): best-of-`repeats` wall time of generating m rows
(random numbers included) and samples/s. Threads: set OMP_NUM_THREADS / OPENBLAS_NUM_THREADS before
running; NumPy's elementwise kernels are single-threaded and only the matrix products can use a threaded
BLAS.
"""
import argparse
import json
import os
import sys
import time

import numpy as np

K, WIDTH, T1, T2, VOL_MULT, BASKET_VOL = 1.10, 0.05, 1.0, 2.0, 1.5, 0.2

KICHLER_WEIGHTS = np.array([0.03523608, 0.1942886, 0.20768846, 0.20812615, 0.0497394, 0.07701987, 0.22790145])
KICHLER_VOLS = np.array([1.05260847, 0.42256553, 0.57476578, 0.95103314, 0.54402614, 0.15129556, 0.66726668])
KICHLER_CORR = np.array([
    [1., -0.40546809, -0.47076783, 0.11005226, 0.14389416, 0.51420213, 0.42370432],
    [-0.40546809, 1., 0.0184815, -0.10023294, -0.09547748, -0.04642767, 0.14553872],
    [-0.47076783, 0.0184815, 1., -0.26878084, 0.00815408, -0.34896792, -0.41113086],
    [0.11005226, -0.10023294, -0.26878084, 1., 0.03660357, 0.48016104, -0.35015074],
    [0.14389416, -0.09547748, 0.00815408, 0.03660357, 1., -0.06546545, 0.12895142],
    [0.51420213, -0.04642767, -0.34896792, 0.48016104, -0.06546545, 1., -0.07214193],
    [0.42370432, 0.14553872, -0.41113086, -0.35015074, 0.12895142, -0.07214193, 1.]])


def market(d, seed=42):
    """(weights, vols, corr): published Kichler market for d = 7, else a Huge-Savine random market."""
    if d == 7:
        return KICHLER_WEIGHTS, KICHLER_VOLS, KICHLER_CORR
    rs = np.random.RandomState(seed)
    r = rs.uniform(-1.0, 1.0, size=(2 * d, d))
    cov = r.T @ r
    inv = 1.0 / np.sqrt(np.diag(cov))
    corr = cov * np.outer(inv, inv)
    np.fill_diagonal(corr, 1.0)
    w = rs.uniform(1.0, 10.0, size=d)
    w /= w.sum()
    vols = rs.uniform(5.0, 50.0, size=d)
    vols *= BASKET_VOL / np.sqrt(w @ (np.outer(vols, vols) * corr) @ w)
    return w, vols, corr


def smoothed_call(b):
    """Value and first derivative of the logistic-smoothed call, as in Sobolev's SmoothedCall.evaluate."""
    m = b - K
    u = m / WIDTH
    e = np.exp(-np.clip(u, -700.0, 700.0))
    s = 1.0 / (1.0 + e)
    return m * s, s + u * e * s * s


class Generator:
    def __init__(self, d, variant, rng):
        self.w, vols, corr = market(d)
        self.d, self.variant = d, variant
        cov = np.outer(vols, vols) * corr
        # the notebook: chol0 for S(T1) (vols scaled by volMult), chol for the T1 -> T2 increment
        self.chol0 = np.linalg.cholesky(cov * T1) * VOL_MULT
        self.chol = np.linalg.cholesky(cov * (T2 - T1))
        self.sd_inc = np.sqrt(self.w @ cov @ self.w * (T2 - T1))
        self.s0 = np.ones(d)
        if rng == "legacy":
            np.random.seed(1)
            self.normal = lambda shape: np.random.normal(size=shape)
        else:
            g = np.random.default_rng(1)
            self.normal = g.standard_normal

    def training_set(self, m):
        if self.variant == "full":
            normals = self.normal([2, m, self.d])
            inc0 = normals[0] @ self.chol0.T
            inc1 = normals[1] @ self.chol.T
            s1 = self.s0 + inc0
            s2 = s1 + inc1
            s2a = s1 - inc1
            bp = s2 @ self.w
            bm = s2a @ self.w
        else:
            normals = self.normal([m, self.d])
            s1 = self.s0 + normals @ self.chol0.T
            b = s1 @ self.w
            inc = self.sd_inc * self.normal(m)
            bp = b + inc
            bm = b - inc
        vp, dp = smoothed_call(bp)
        vm, dm = smoothed_call(bm)
        y = 0.5 * (vp + vm)
        dydx = (0.5 * (dp + dm))[:, None] * self.w[None, :]
        return s1, y, dydx


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dims", default="7,20")
    ap.add_argument("--rows", type=int, default=1 << 20)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--variants", default="full:legacy,full:pcg64,shortcut:pcg64")
    a = ap.parse_args()
    for d in [int(s) for s in a.dims.split(",")]:
        for vr in a.variants.split(","):
            variant, rng = vr.split(":")
            g = Generator(d, variant, rng)
            # sanity: E[X] = 1 and finite labels
            x, y, dydx = g.training_set(4096)
            assert np.all(np.isfinite(y)) and abs(x.mean() - 1.0) < 0.2
            best = float("inf")
            for _ in range(a.repeats):
                t0 = time.perf_counter()
                x, y, dydx = g.training_set(a.rows)
                best = min(best, time.perf_counter() - t0)
                del x, y, dydx
            print(json.dumps({"tool": "numpy-" + variant + "-" + rng, "d": d, "rows": a.rows,
                              "best_seconds": round(best, 4), "samples_per_s": a.rows / best,
                              "numpy": np.__version__,
                              "omp_threads": os.environ.get("OMP_NUM_THREADS", ""),
                              "openblas_threads": os.environ.get("OPENBLAS_NUM_THREADS", "")}))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
