#!/usr/bin/env bash
# The pruning table of Kichler, Afghan & Naumann, "Towards Sobolev Pruning", on the Kichler recipe (REFERENCES.md §2; issue 6 acceptance 2 and 3):
# oversized 7 -> 128x6 -> 1 SiLU surrogate (Sobolev-trained as in experiments/kichler.sh), pruned to 8 units per
# hidden layer (433 parameters) by interval-adjoint significance, weight magnitude and Taylor saliency, half of
# each layer's surplus per step with RETRAIN_EPOCHS of Sobolev retraining on the Monte Carlo data between steps
# ("pruned"), then fine-tuned with the Sobolev loss on the oversized net's own values and deltas ("NN data") or
# on exact Bachelier labels (closed-form price and deltas at 8192 fresh inputs, "Bachelier"). R2 on the exact
# 4096-row test set; bound.value is the certified bound on |pruned - oversized| over the data's input box.
#   usage: experiments/pruning.sh [WORKDIR]
#   env: THREADS (2), RETRAIN_EPOCHS (40), FT_EPOCHS (300), MODEL (reuse an oversized model)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$(mktemp -d)}"
threads="${THREADS:-2}"
ft_epochs="${FT_EPOCHS:-300}"
retrain_epochs="${RETRAIN_EPOCHS:-40}"
sob="$root/sobolev"
[ -d "$out/kichler" ] || "$sob" dataset bachelier --recipe kichler --dim 7 --size 8192 --test-size 4096 --seed 42 \
    --out "$out/kichler" --threads "$threads" > /dev/null
# exact labels at fresh inputs from the same distribution: the test part of another seed's data set
[ -d "$out/exact" ] || "$sob" dataset bachelier --recipe kichler --dim 7 --size 16 --test-size 8192 --seed 7 \
    --out "$out/exact" --threads "$threads" > /dev/null
model="${MODEL:-$out/oversized.json}"
[ -f "$model" ] || "$sob" train --data "$out/kichler" --hidden 128x6 --activation silu --normalisation global --batch 512 \
    --seed 42 --threads "$threads" --loss sobolev --alpha 0.125 --no-lambda --optimizer adam --lr 3e-4 --schedule cosine \
    --epochs 100 --out "$model" > /dev/null
ft=(--loss sobolev --alpha 0.125 --no-lambda --optimizer adam --lr 0.003 --schedule cosine --epochs "$ft_epochs"
    --batch 256 --threads "$threads")
printf '%-10s %-8s %10s %10s %10s %12s %10s\n' method stage r2.value r2.delta r2.gamma bound.value seconds
for method in interval magnitude taylor; do
  for tune in nn data; do
    extra=()
    [ "$tune" = data ] && extra=(--finetune-data "$out/exact/test")
    "$sob" prune --model "$model" --data "$out/kichler" --test "$out/kichler/test" --width 8 --method "$method" \
        --retrain-epochs "$retrain_epochs" --retrain-loss sobolev --finetune "$tune" "${extra[@]}" "${ft[@]}" --force --out "$out/$method-$tune.json" --json > "$out/$method-$tune.out"
    python3 - "$out/$method-$tune.out" "$method" "$tune" <<'PY'
import json, sys
j = json.load(open(sys.argv[1])); m, t = sys.argv[2], sys.argv[3]
def row(stage, r, bound=""):
    print('%-10s %-8s %10.6f %10.6f %10.6f %12s %10s' % (m, stage, r['r2']['value'], r['r2']['delta'], r['r2']['gamma'],
                                                          bound, '%.1f' % j['seconds'] if stage.startswith('ft') else ''))
if t == 'nn':
    row('oversized', j['test']['original'])
    row('pruned', j['test']['pruned'])
row('ft-' + t, j['test']['finetuned'], '%.3e' % j['bound']['value'])
PY
  done
done
