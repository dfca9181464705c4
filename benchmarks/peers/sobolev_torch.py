#!/usr/bin/env python3
"""PyTorch peer for Sobolev training (issue 5): the same data and protocol as `sobolev train`.

Usage: sobolev_torch.py DATA_DIR --hidden 20x4 --activation softplus --epochs 100 --batch 512 --schedule one-cycle
                        [--dtype float64|float32]
Prints one JSON line: seconds, secondsPerEpoch, firstLoss (the first step's), finalLoss, dtype, threads, torch version.
--dtype (default float64) is the type of the model, the data, the labels and the loss; the normalisation
statistics are computed in float64 (NumPy) and the normalised arrays then converted, as for float64.
Loss: alpha*MSE(values) + (1-alpha)*MSE(lambda_j * (dy/dx_j - label_j)) on per-feature normalised data,
alpha = 1/(1+d) (or --alpha), lambda_j = 1/RMS of the normalised derivative labels (unless --no-lambda);
input gradients by torch.autograd.grad(create_graph=True) (double backpropagation).
"""
import argparse
import json
import time

import numpy as np
import torch

p = argparse.ArgumentParser()
p.add_argument("data")
p.add_argument("--hidden", default="20x4")
p.add_argument("--activation", default="softplus")
p.add_argument("--epochs", type=int, default=100)
p.add_argument("--batch", type=int, default=512)
p.add_argument("--lr", type=float, default=0.1)
p.add_argument("--schedule", default="one-cycle", choices=["one-cycle", "cosine", "constant"])
p.add_argument("--alpha", type=float, default=None)
p.add_argument("--no-lambda", action="store_true")
p.add_argument("--normalisation", default="per-feature", choices=["per-feature", "global"])
p.add_argument("--threads", type=int, default=2)
p.add_argument("--seed", type=int, default=42)
p.add_argument("--dtype", default="float64", choices=["float64", "float32"])
a = p.parse_args()

torch.set_num_threads(a.threads)
torch.manual_seed(a.seed)
dt = {"float64": torch.float64, "float32": torch.float32}[a.dtype]
X = np.load(f"{a.data}/X.npy")
Y = np.load(f"{a.data}/Y.npy").reshape(len(X), -1)
G = np.load(f"{a.data}/dYdX.npy").reshape(len(X), -1)
n, d = X.shape
if a.normalisation == "per-feature":
    mx, sx = X.mean(0), X.std(0)
    my, sy = Y.mean(0), Y.std(0)
else:
    mx, sx = np.full(d, X.mean()), np.full(d, X.std())
    my, sy = Y.mean(0), Y.std(0)
xs = torch.tensor((X - mx) / sx, dtype=dt)
ys = torch.tensor((Y - my) / sy, dtype=dt)
gs = torch.tensor(G * sx / sy, dtype=dt)
alpha = a.alpha if a.alpha is not None else 1.0 / (1 + d)
lam = torch.ones(d, dtype=dt) if a.no_lambda else 1.0 / torch.sqrt((gs ** 2).mean(0))

width, layers = (int(v) for v in a.hidden.split("x"))
act = {"softplus": torch.nn.Softplus, "silu": torch.nn.SiLU, "tanh": torch.nn.Tanh}[a.activation]
mods, prev = [], d
for _ in range(layers):
    mods += [torch.nn.Linear(prev, width), act()]
    prev = width
mods.append(torch.nn.Linear(prev, 1))
net = torch.nn.Sequential(*mods).to(dt)
opt = torch.optim.Adam(net.parameters(), lr=a.lr)
batches = (n + a.batch - 1) // a.batch
total = a.epochs * batches


def rate(step):
    u = step / total
    if a.schedule == "constant":
        return a.lr
    if a.schedule == "cosine":
        return 1e-6 + 0.5 * (a.lr - 1e-6) * (1 + np.cos(np.pi * u))
    pts = [(0.0, 1e-8), (0.2, a.lr), (0.6, a.lr / 10), (1.0, 1e-6)]
    for (u0, r0), (u1, r1) in zip(pts, pts[1:]):
        if u <= u1:
            return r0 + (r1 - r0) * (u - u0) / (u1 - u0)
    return 1e-6


step, first_loss, loss_value = 0, float("nan"), float("nan")
t0 = time.perf_counter()
for epoch in range(a.epochs):
    perm = torch.randperm(n)
    for b in range(batches):
        idx = perm[b * a.batch:(b + 1) * a.batch]
        x = xs[idx].requires_grad_(True)
        y = net(x)
        (dydx,) = torch.autograd.grad(y.sum(), x, create_graph=True)
        loss = alpha * ((y - ys[idx]) ** 2).mean() + (1 - alpha) * (((dydx - gs[idx]) * lam) ** 2).mean()
        for g in opt.param_groups:
            g["lr"] = rate(step)
        opt.zero_grad()
        loss.backward()
        opt.step()
        loss_value = float(loss)
        if step == 0:
            first_loss = loss_value
        step += 1
seconds = time.perf_counter() - t0

# single-point value + input gradient of this net, the trading-system call
x1 = xs[:1].clone().requires_grad_(True)
reps = 2000
t1 = time.perf_counter()
for _ in range(reps):
    x1.grad = None
    y1 = net(x1)
    y1.backward()
single = (time.perf_counter() - t1) / reps
print(json.dumps({"tool": "pytorch", "torch": torch.__version__, "dtype": a.dtype, "threads": a.threads,
                  "epochs": a.epochs, "seconds": seconds, "secondsPerEpoch": seconds / a.epochs,
                  "firstLoss": first_loss, "finalLoss": loss_value,
                  "singlePointSeconds": single, "params": sum(p.numel() for p in net.parameters())}))
