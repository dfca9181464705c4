#!/usr/bin/env bash
# Peer comparison on the FCP GARCH(1,1) benchmark (DEM/GBP, REFERENCES.md §3): Sobolev (JMH GarchFitBenchmark),
# gretl (native and --fcp), R fGarch, SciPy and statsmodels on the exact FCP likelihood. For each: time per fit
# (best and median of repeated fits), estimates, digits of agreement (LRE, capped at 15) with the benchmark for
# mu, omega, alpha, beta and logL, and the ratio of its median time to Sobolev's. Never part of `mvn verify`.
#
#   benchmarks/peers/compare-garch.sh            # from anywhere; writes benchmarks/peers/out/garch-*.jsonl
#   REPS=50 JMH_ARGS="-f 2 -wi 5 -i 5" benchmarks/peers/compare-garch.sh
#
# Installs missing tools with apt-get (probing each first) and builds benchmarks/target/benchmarks.jar if
# it is missing. Python helpers run under Debian's /usr/bin/python3 (where the apt packages live).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="$root/data/dem2gbp.csv"
py="${PYTHON:-/usr/bin/python3}"
reps="${REPS:-30}"
jmh_args="${JMH_ARGS:--f 2 -wi 5 -i 5 -w 1s -r 1s}"
out="$here/out"
mkdir -p "$out"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
results="$out/garch-$stamp.jsonl"

# 1. tools: probe, then install only what is missing
missing=()
command -v gretlcli >/dev/null 2>&1 || missing+=(gretl)
Rscript -e 'suppressPackageStartupMessages(library(fGarch))' >/dev/null 2>&1 || missing+=(r-cran-fgarch)
"$py" -c 'import numpy' >/dev/null 2>&1 || missing+=(python3-numpy)
"$py" -c 'import scipy' >/dev/null 2>&1 || missing+=(python3-scipy)
"$py" -c 'import statsmodels' >/dev/null 2>&1 || missing+=(python3-statsmodels)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get install -y -qq "${missing[@]}" >&2
fi

# 2. the benchmark jar
jar="$root/benchmarks/target/benchmarks.jar"
if [ ! -f "$jar" ]; then
  echo "building $jar" >&2
  (cd "$root" && mvn -B -q -DskipTests -pl benchmarks -am package >&2)
fi

# 3. machine
{
  echo "# $(date -u +%FT%TZ) $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(java -version 2>&1 | head -1)"
  echo "# load before: $(uptime | sed 's/.*load average: //')"
} | tee "$out/garch-$stamp.txt" >&2

# 4. Sobolev: JMH (retrying while another JMH run holds /tmp/jmh.lock), estimates from the CLI
jmh_json="$out/garch-jmh-$stamp.json"
for attempt in $(seq 1 90); do
  if (cd "$root" && java -jar "$jar" 'GarchFitBenchmark.fit$' $jmh_args -rf json -rff "$jmh_json" \
        > "$out/garch-jmh-$stamp.log" 2>&1); then
    break
  fi
  if grep -q "Unable to acquire the JMH lock" "$out/garch-jmh-$stamp.log"; then
    echo "another JMH run holds the lock; waiting ($attempt)" >&2
    sleep 20
  else
    cat "$out/garch-jmh-$stamp.log" >&2
    exit 1
  fi
done
[ -s "$jmh_json" ] || { echo "JMH did not run" >&2; exit 1; }
(cd "$root" && ./sobolev garch fit --data data/dem2gbp.csv --json) > "$out/garch-sobolev-$stamp.json"
"$py" - "$jmh_json" "$out/garch-sobolev-$stamp.json" >> "$results" <<'PY'
import json, statistics, sys
run = json.load(open(sys.argv[1]))[0]
fit = json.load(open(sys.argv[2]))
raw = [x for fork in run["primaryMetric"]["rawData"] for x in fork]  # us/op per measurement iteration
print(json.dumps({"tool": "Sobolev GarchFitter (JMH avgt, per iteration)", "mu": fit["mu"], "omega": fit["omega"],
                  "alpha": fit["alpha"], "beta": fit["beta"], "loglik": fit["loglik"],
                  "best_ms": min(raw) / 1e3, "median_ms": statistics.median(raw) / 1e3, "reps": len(raw),
                  "version": "JMH " + run["jmhVersion"] + ", " + run["vmName"] + " " + run["vmVersion"]}))
PY

# 5. peers, in the same run
GARCH_DATA="$data" GARCH_REPS="$reps" gretlcli -b "$here/garch_gretl.inp" | grep '^{' >> "$results"
Rscript "$here/garch_fgarch.R" "$data" "$reps" >> "$results"
"$py" "$here/garch_peers.py" scipy "$data" "$reps" >> "$results"
"$py" "$here/garch_peers.py" statsmodels "$data" "$(( (reps + 2) / 3 ))" >> "$results"

echo "# load after: $(uptime | sed 's/.*load average: //')" | tee -a "$out/garch-$stamp.txt" >&2
"$py" "$here/garch_peers.py" summarize "$results" | tee -a "$out/garch-$stamp.txt"
echo "raw results: $results" >&2
