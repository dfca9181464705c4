#!/bin/sh
# Sobolev vs NumPy: LSMC training-set generation throughput (issue 3).
#
#   benchmarks/peers/compare-lsmc.sh            # from anywhere inside the repository
#
# Installs Debian's python3-numpy if /usr/bin/python3 cannot import numpy, builds benchmarks/target/benchmarks.jar
# if it is missing, runs the JMH LabelGenerationBenchmark (short configuration) and the NumPy generator
# (benchmarks/peers/lsmc_numpy.py, m = 2^20 rows, best of 5) in the same run, and prints one table.
# Environment: JMH_OPTS overrides the JMH run options, NUMPY_REPEATS the NumPy repeats.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jar="$root/benchmarks/target/benchmarks.jar"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! /usr/bin/python3 -c 'import numpy' 2>/dev/null; then
    echo "installing python3-numpy (apt)" >&2
    apt-get update -qq && apt-get install -y -qq python3-numpy >/dev/null
fi
if [ ! -f "$jar" ]; then
    echo "building $jar" >&2
    (cd "$root" && mvn -B -q -DskipTests package)
fi

# whole-VM CPU busy share over 3 s from /proc/stat (also counts work that ps cannot see, e.g. other containers)
busy() {
    a=$(head -1 /proc/stat); sleep 3; b=$(head -1 /proc/stat)
    echo "$a $b" | awk '{u1=$2+$3+$4+$7+$8; t1=u1+$5+$6; u2=$13+$14+$15+$18+$19; t2=u2+$16+$17;
                         printf "%.0f%% busy", 100*(u2-u1)/(t2-t1)}'
}

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'); $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs;" \
     "$(java -version 2>&1 | head -1); numpy $(/usr/bin/python3 -c 'import numpy; print(numpy.__version__)')"
echo "# before: loadavg $(cut -d' ' -f1-3 /proc/loadavg), $(busy)"

# shellcheck disable=SC2086
java -jar "$jar" LabelGenerationBenchmark ${JMH_OPTS:--f 1 -wi 3 -i 5 -w 2s -r 2s} \
    -rf csv -rff "$work/jmh.csv" >"$work/jmh.log" 2>&1 || { cat "$work/jmh.log" >&2; exit 1; }

OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 /usr/bin/python3 "$here/lsmc_numpy.py" \
    --repeats "${NUMPY_REPEATS:-5}" >"$work/numpy.jsonl"

echo "# after: loadavg $(cut -d' ' -f1-3 /proc/loadavg), $(busy)"

/usr/bin/python3 - "$work/jmh.csv" "$work/numpy.jsonl" <<'PY'
import csv, json, sys
jmh = {}
with open(sys.argv[1]) as f:
    for r in csv.DictReader(f):
        if r["Benchmark"].endswith(".training"):
            # score = ns per sample (@OperationsPerInvocation(N))
            jmh[(int(r["Param: dim"]), int(r["Param: threads"]))] = (1e9 / float(r["Score"]),
                                                                      float(r["Score Error (99.9%)"]) / float(r["Score"]))
numpy = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
print(f"{'tool':<24} {'d':>3} {'threads':>7} {'samples/s':>12}   ratio Sobolev/NumPy")
for (d, t), (sps, rel) in sorted(jmh.items()):
    print(f"{'sobolev (JMH)':<24} {d:>3} {t:>7} {sps/1e6:>10.2f} M   (JMH error ±{100*rel:.0f}%)")
for r in numpy:
    d = r["d"]
    ratios = ", ".join(f"{t}T: {jmh[(d, t)][0] / r['samples_per_s']:.1f}x"
                       for t in (1, 2) if (d, t) in jmh)
    print(f"{r['tool']:<24} {d:>3} {'1*':>7} {r['samples_per_s']/1e6:>10.2f} M   {ratios}")
print("* NumPy run with OMP_NUM_THREADS=OPENBLAS_NUM_THREADS=2; its elementwise kernels are single-threaded")
PY
