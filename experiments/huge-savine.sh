#!/usr/bin/env bash
# Huge–Savine protocol (REFERENCES.md §2): d = 7, m = 8192, 4 x 20 softplus, one-cycle (1e-8 -> LR -> LR/10 -> 1e-6),
# 100 epochs, batch max(256, m/16) = 512, per-feature normalisation, lambda_j = 1/RMS, alpha = 1/(1+d);
# differential (Sobolev) and value-only training over 3 random markets. Prints test RMSE x 100 of the value and of
# the delta of asset 1 (their published figures: 0.14 / 0.10 for m = 8192).
# LR (default 0.01) is the one-cycle peak; the notebook's 0.1 gives a mean delta RMSE x 100 of 0.123 here (see
# experiments/README.md).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$(mktemp -d)}"
threads="${THREADS:-2}"
lr="${LR:-0.01}"
printf '%-6s %-8s %12s %14s %10s %10s %10s\n' market training "value RMSEx100" "delta1 RMSEx100" r2.value r2.delta r2.gamma
for seed in 1 2 3; do
  "$root/sobolev" dataset bachelier --recipe huge-savine --dim 7 --size 8192 --test-size 4096 --seed "$seed" \
      --out "$out/hs-$seed" --threads "$threads" > /dev/null
  for loss in sobolev value; do
    "$root/sobolev" train --data "$out/hs-$seed" --hidden 20x4 --activation softplus --loss "$loss" \
        --schedule one-cycle --lr "$lr" --epochs 100 --batch 512 --seed "$seed" --threads "$threads" \
        --out "$out/hs-$seed-$loss.json" > /dev/null
    "$root/sobolev" eval --model "$out/hs-$seed-$loss.json" --test "$out/hs-$seed/test" --json \
      | python3 -c "
import json,sys
j=json.load(sys.stdin)
print('%-6s %-8s %12.4f %14.4f %10.6f %10.6f %10.6f' % ('$seed','$loss', 100*j['rmse']['value'],
      100*j['rmse']['deltaByInput'][0], j['r2']['value'], j['r2']['delta'], j['r2']['gamma']))"
  done
done
