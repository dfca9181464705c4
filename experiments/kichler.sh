#!/usr/bin/env bash
# Kichler recipe (REFERENCES.md §2; Kichler, Afghan & Naumann, "Towards Sobolev Pruning"): d = 7, 8192 training rows (published market, smoothed call
# w = 0.005 as in the authors' notebook, antithetic), exact 4096-row test set, oversized 7 -> 128x6 -> 1 SiLU net,
# global normalisation.
#   vanilla:  values only, Adam 1e-4 constant, 200 epochs, batch 512  (slide: R2 0.999545 / 0.998700 / 0.997033)
#   online:   the same vanilla protocol as the authors' diff-ml training code runs it: 200 "epochs" of 64
#             freshly simulated batches of 512 (12,800 steps, 6,553,600 rows each seen once): one pass over a
#             data set of that size drawn with seed 7 (about 0.8 GB in OUT_DIR/online-7-6553600; deleted on
#             exit if this run made it, unless KEEP=1)
#   sobolev:  0.125 MSE(values) + 0.875 MSE(gradients), Adam, cosine from 3e-4, 100 epochs, batch 512
#             (larger rates or longer runs overfit the noisy pathwise labels: see experiments/README.md)
#   second:   as sobolev plus the Hessian-vector term along K PCA directions (HV_COUNT, default 2)
# Prints R2 of values, deltas and gamma (1'H1) on the test set for each run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$(mktemp -d)}"
threads="${THREADS:-2}"
k="${HV_COUNT:-2}"
runs="${RUNS:-vanilla online sobolev second}"
online="$out/online-7-6553600"
made_online=0
cleanup() { [ "${KEEP:-0}" = 1 ] || [ "$made_online" = 0 ] || rm -rf "$online"; }
trap cleanup EXIT
"$root/sobolev" dataset bachelier --recipe kichler --dim 7 --size 8192 --test-size 4096 --seed 42 \
    --hv-directions pca --hv-count "$k" --out "$out/kichler" --threads "$threads" > /dev/null
common=(--hidden 128x6 --activation silu --normalisation global --batch 512 --seed 42
        --threads "$threads")
printf '%-10s %10s %10s %10s %10s\n' run r2.value r2.delta r2.gamma seconds
for run in $runs; do
  data="$out/kichler"
  case "$run" in
    vanilla) args=(--loss value --optimizer adam --lr 1e-4 --schedule constant --epochs 200) ;;
    online)  data="$online"
             if [ ! -d "$data" ]; then
               made_online=1
               "$root/sobolev" dataset bachelier --recipe kichler --dim 7 --size 6553600 --seed 7 \
                   --out "$data" --threads "$threads" > /dev/null
             fi
             args=(--loss value --optimizer adam --lr 1e-4 --schedule constant --epochs 1) ;;
    sobolev) args=(--loss sobolev --alpha 0.125 --no-lambda --optimizer adam --lr 3e-4 --schedule cosine --epochs 100) ;;
    second)  args=(--loss sobolev --alpha 0.125 --no-lambda --hv-weight 0.5 --optimizer adam --lr 3e-4 --schedule cosine
                   --epochs 100) ;;
    *) echo "unknown run $run" >&2; exit 2 ;;
  esac
  secs=$("$root/sobolev" train "${common[@]}" --data "$data" "${args[@]}" --out "$out/$run.json" --json \
         | python3 -c 'import json,sys; print("%.0f" % json.load(sys.stdin)["seconds"])')
  "$root/sobolev" eval --model "$out/$run.json" --test "$out/kichler/test" --json | python3 -c "
import json,sys
j=json.load(sys.stdin)['r2']
print('%-10s %10.6f %10.6f %10.6f %10s' % ('$run', j['value'], j['delta'], j['gamma'], '$secs'))"
done
