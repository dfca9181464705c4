#!/usr/bin/env bash
# End-to-end data set writing against the disk: `sobolev dataset` writing an N-row Kichler d = 7 training set
# (X, Y, dYdX as .npy, meta.json, a 4096-row exact test set) against copying the same bytes with fdatasync
# (`dd conv=fdatasync`, one file after the other, into a fresh directory on the same file system), in the
# same run, REPEATS alternated pairs (default 3). The ratio is sobolev / dd: the whole command (JVM start, label
# generation, encoding, fsync, rename) over what the disk needs to persist the bytes.
#
#   benchmarks/peers/compare-dataset-write.sh          # N = 4,000,000 rows
#   ROWS=1000000 REPEATS=5 benchmarks/peers/compare-dataset-write.sh
#   SOBOLEV="java -jar other/sobolev.jar" benchmarks/peers/compare-dataset-write.sh   # another build
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
sobolev="${SOBOLEV:-$root/sobolev}"
rows="${ROWS:-4000000}"
repeats="${REPEATS:-3}"
case "$rows$repeats" in
  *[!0-9]*) echo "ROWS and REPEATS must be positive integers, got '$rows' and '$repeats'" >&2; exit 2 ;;
esac
work=$(mktemp -d "${TMPDIR:-$root/benchmarks/target}/dataset-write.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'); $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs; $(java -version 2>&1 | head -1)"
echo "# file system of $work: $(df -T "$work" | awk 'NR==2 {print $2}'); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
$sobolev --version > /dev/null  # builds the jar if needed, outside the timing
now() { date +%s.%N; }
printf '%-6s %12s %12s %12s %8s\n' pair bytes sobolev_s fdatasync_s ratio
ratios=()
for i in $(seq "$repeats"); do
  rm -rf "$work/ds" "$work/copy"
  t0=$(now)
  $sobolev dataset bachelier --recipe kichler --dim 7 --size "$rows" --test-size 4096 --seed 42 \
      --threads 2 --out "$work/ds" > /dev/null
  t1=$(now)
  bytes=$(du -sb "$work/ds" | cut -f1)
  mkdir -p "$work/copy/test"
  sync
  t2=$(now)
  (cd "$work/ds" && find . -type f | while read -r f; do
      dd if="$f" of="$work/copy/$f" bs=8M conv=fdatasync status=none
  done)
  t3=$(now)
  s=$(echo "$t1 - $t0" | bc -l); d=$(echo "$t3 - $t2" | bc -l); r=$(echo "$s / $d" | bc -l)
  ratios+=("$r")
  printf '%-6s %12d %12.2f %12.2f %7.2fx\n' "$i" "$bytes" "$s" "$d" "$r"
done
printf '%s\n' "${ratios[@]}" | sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2;
  printf "median ratio %.2fx (range %.2f-%.2fx over %d pairs)\n", m, a[1], a[NR], NR}'
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
