#!/usr/bin/env bash
# Batch revaluation end to end against NumPy (issue 26, acceptance 1): ROWS scenarios (default 10^6) priced
# with a 7-input model (value and 7 deltas), CSV in and out, by `sobolev batch --threads 2` and by
# peers/batch_numpy.py (pandas.read_csv, the same network's forward pass and reverse sweep in NumPy float64,
# DataFrame.to_csv), in the same run, REPEATS alternated pairs (default 3), each side in a fresh JVM or Python
# process. Rows per second are rows over the wall-clock time of the whole command (JVM or interpreter start,
# reading, pricing, writing); the ratio is peer seconds / sobolev seconds; the script prints every pair and
# the median ratio. After the first pair the peer checks its values and deltas against ours on the first 16
# rows (relative difference <= 1e-12, or the script fails).
#
# The model: MODEL (default: the pipeline's 433-parameter finetuned-exact.json, built with
# `sobolev pipeline --out` into the work directory when MODEL is unset, about 5 minutes).
# The scenarios: `sobolev scenarios --model M --size ROWS --seed 26` (the model's training distribution) when
# the build has that command; otherwise a NumPy snippet draws them uniform on the model's training box (the
# `inputs` section's lower/upper of the model file), with an `id` column passed through. The script says which.
#
#   MODEL=/tmp/pfull/finetuned-exact.json benchmarks/peers/compare-batch.sh
#   ROWS=200000 REPEATS=5 MODEL=... benchmarks/peers/compare-batch.sh
#   SOBOLEV="java -jar other/sobolev.jar" MODEL=... benchmarks/peers/compare-batch.sh   # another build
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
sobolev="${SOBOLEV:-$root/sobolev}"
rows="${ROWS:-1000000}"
repeats="${REPEATS:-3}"
threads=2
case "$rows$repeats" in
  *[!0-9]*) echo "ROWS and REPEATS must be positive integers, got '$rows' and '$repeats'" >&2; exit 2 ;;
esac
if ! /usr/bin/python3 -c 'import pandas, numpy' 2>/dev/null; then
  echo "installing python3-pandas python3-numpy (apt)" >&2
  apt-get update -qq && apt-get install -y -qq python3-pandas python3-numpy > /dev/null
fi
export OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads
work=$(mktemp -d "${TMPDIR:-/tmp}/compare-batch.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'); $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs; $(java -version 2>&1 | head -1)"
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"
$sobolev --version > /dev/null  # builds the jar if needed, outside the timing
model="${MODEL:-}"
if [ -z "$model" ]; then
  echo "# MODEL unset: building the pipeline's model (sobolev pipeline --out $work/pipeline)"
  $sobolev pipeline --out "$work/pipeline" > /dev/null
  model="$work/pipeline/finetuned-exact.json"
fi
[ -f "$model" ] || { echo "MODEL: no such file '$model'" >&2; exit 2; }
scenarios="$work/scenarios.csv"
if $sobolev --help 2>&1 | grep -qE "^ +scenarios "; then
  echo "# scenarios: sobolev scenarios --model $model --size $rows --seed 26"
  $sobolev scenarios --model "$model" --size "$rows" --seed 26 --out "$scenarios" > /dev/null
else
  echo "# scenarios: NumPy, uniform on the model's training box (this build has no 'scenarios' command)"
  /usr/bin/python3 - "$model" "$rows" "$scenarios" <<'PY'
import json, sys
import numpy as np, pandas as pd
m = json.load(open(sys.argv[1]))
n = int(sys.argv[2])
lo = np.array([i["lower"] for i in m["inputs"]]); hi = np.array([i["upper"] for i in m["inputs"]])
x = np.random.default_rng(26).uniform(lo, hi, size=(n, lo.size))
df = pd.DataFrame(x, columns=[i["name"] for i in m["inputs"]])
df.insert(0, "id", np.arange(1, n + 1))
df.to_csv(sys.argv[3], index=False)
PY
fi
echo "# model: $model ($(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["architecture"]["parameters"])' "$model") parameters); scenarios: $rows rows, $(du -h "$scenarios" | cut -f1)"
now() { date +%s.%N; }
printf '%-6s %14s %14s %14s %14s %8s\n' pair sobolev_s sobolev_rows/s numpy_s numpy_rows/s ratio
ratios=()
for i in $(seq "$repeats"); do
  rm -f "$work/ours.csv" "$work/peer.csv" "$work"/ours.csv.*
  t0=$(now)
  $sobolev batch --model "$model" --in "$scenarios" --out "$work/ours.csv" --threads $threads > /dev/null
  t1=$(now)
  check=()
  if [ "$i" = 1 ]; then check=(--check "$work/ours.csv" --rows 16); fi
  /usr/bin/python3 "$here/batch_numpy.py" --model "$model" --in "$scenarios" --out "$work/peer.csv" \
      "${check[@]}" > "$work/peer.json"
  t2=$(now)
  if [ "$i" = 1 ]; then echo "# peer check: $(cat "$work/peer.json")"; fi
  s=$(echo "$t1 - $t0" | bc -l); p=$(echo "$t2 - $t1" | bc -l); r=$(echo "$p / $s" | bc -l)
  ratios+=("$r")
  printf '%-6s %14.2f %14.0f %14.2f %14.0f %7.2fx\n' "$i" "$s" "$(echo "$rows / $s" | bc -l)" "$p" \
      "$(echo "$rows / $p" | bc -l)" "$r"
done
printf '%s\n' "${ratios[@]}" | sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2;
  printf "median ratio %.2fx (range %.2f-%.2fx over %d pairs)\n", m, a[1], a[NR], NR}'
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
