#!/usr/bin/env python3
"""PyTorch cross-check of the Kichler "vanilla" row (issue 5, acceptance 3): the slide's protocol (7 -> 128x6 -> 1
SiLU, PyTorch default initialisation, values only, one global mean/std for inputs and outputs, Adam 1e-4, 200
epochs, batch 512) on a data set written by `sobolev dataset bachelier --recipe kichler --test-size 4096`,
evaluated on its exact test set. Usage: kichler_vanilla_torch.py DATA_DIR [f32]. Prints one JSON line. Needs
Debian's python3-torch (benchmarks/peers/compare-training.sh installs it).
"""
import sys, json, time
import numpy as np, torch
d_ = sys.argv[1]; dtype = torch.float32 if (len(sys.argv) > 2 and sys.argv[2] == "f32") else torch.float64
torch.set_num_threads(2); torch.manual_seed(42)
X = np.load(f"{d_}/X.npy"); Y = np.load(f"{d_}/Y.npy").reshape(len(X), -1)
Xt = np.load(f"{d_}/test/X.npy"); Yt = np.load(f"{d_}/test/Y.npy").reshape(len(Xt), -1); Gt = np.load(f"{d_}/test/dYdX.npy")
n, d = X.shape
mx, sx = X.mean(), X.std(); my, sy = Y.mean(), Y.std()
xs = torch.tensor((X - mx) / sx, dtype=dtype); ys = torch.tensor((Y - my) / sy, dtype=dtype)
mods, prev = [], d
for _ in range(6):
    mods += [torch.nn.Linear(prev, 128), torch.nn.SiLU()]; prev = 128
mods.append(torch.nn.Linear(prev, 1))
net = torch.nn.Sequential(*mods).to(dtype)
opt = torch.optim.Adam(net.parameters(), lr=1e-4)
t0 = time.perf_counter()
for epoch in range(200):
    perm = torch.randperm(n)
    for b in range(0, n, 512):
        idx = perm[b:b + 512]
        loss = ((net(xs[idx]) - ys[idx]) ** 2).mean()
        opt.zero_grad(); loss.backward(); opt.step()
xt = torch.tensor((Xt - mx) / sx, dtype=dtype, requires_grad=True)
yt = net(xt); (g,) = torch.autograd.grad(yt.sum(), xt)
pred = yt.detach().numpy() * sy + my; gp = g.numpy() * sy / sx
r2 = lambda p, t: 1 - ((p - t) ** 2).sum() / ((t - t.mean()) ** 2).sum()
print(json.dumps({"r2value": float(r2(pred, Yt)), "r2delta": float(r2(gp.ravel(), Gt.ravel())), "seconds": time.perf_counter() - t0, "dtype": str(dtype)}))
