#!/usr/bin/env bash
# Kill test: `dataset`, `train`, `prune` and `pipeline --quick` killed with SIGKILL and SIGTERM at random (seeded)
# points. After each kill the output must be complete (the bytes of an uninterrupted run) or absent; then the
# same command is run again to the same target, after which its output must be complete and no staging path
# (.NAME.partial-PID-HEX directory, .NAME.PID-HEX.partial file) may remain anywhere under the work directory.
#
# Usage: experiments/kill-test.sh [RUNS_PER_COMMAND (default 20, half of them each signal)] [SEED (default 24)]
# Takes a few minutes on 2 cores; it is not run by CI. Prints one table row per command and exits 1 if any run
# left a partial output or a staging path behind the next run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-20}"
RANDOM="${2:-24}"
export SOBOLEV_JAVA_OPTS="${SOBOLEV_JAVA_OPTS:--Xmx1g}"
sob="$root/sobolev"
"$sob" --version > /dev/null   # builds the jar on first use, outside the timed runs
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

data="$work/data"
"$sob" dataset bachelier --recipe kichler --dim 3 --size 4096 --test-size 512 --seed 5 --out "$data" > /dev/null
model="$work/model.json"
"$sob" train --data "$data" --hidden 16x2 --epochs 5 --batch 256 --seed 5 --out "$model" > /dev/null

# Each command writes to the target given as its argument. They exec the launcher, which execs the JVM, so that
# a subshell running one, ( cmd_x target ) &, is the JVM itself and receives the signal.
cmd_dataset() { exec "$sob" dataset bachelier --recipe kichler --dim 7 --size 100000 --test-size 4096 --seed 9 \
    --hv-directions pca --hv-count 2 --threads 2 --out "$1"; }
cmd_train() { exec "$sob" train --data "$data" --hidden 16x2 --epochs 20 --batch 256 --seed 9 --threads 2 --out "$1"; }
cmd_prune() { exec "$sob" prune --model "$model" --data "$data" --width 6 --retrain-epochs 2 --finetune nn --epochs 15 \
    --batch 256 --seed 9 --threads 2 --out "$1"; }
cmd_pipeline() { exec "$sob" pipeline --quick --seed 9 --threads 2 --out "$1"; }

# The comparable content of an output: file paths, sizes and checksums (pipeline.json and report.html hold wall
# times, so only the presence of pipeline.json counts; every other pipeline file, but the report's manifest, must match).
digest() {
  local target="$1"
  if [ -d "$target" ]; then
    (cd "$target" && find . -type f ! -name pipeline.json ! -name report.html ! -name report.manifest.json -print0 | sort -z | xargs -0 sha256sum)
    [ -f "$target/pipeline.json" ] && echo "pipeline.json present"
  elif [ -f "$target" ]; then
    sha256sum < "$target"
  fi
  return 0
}

# "absent", "complete" or "partial". A pipeline directory is complete with pipeline.json; without it, each stage
# present must match the reference (stages are atomic, the run as a whole resumable).
classify() {
  local name="$1" target="$2" ref="$3"
  if [ ! -e "$target" ]; then echo absent; return; fi
  if [ "$name" = pipeline ]; then
    if [ ! -e "$target/pipeline.json" ]; then
      [ -z "$(ls -A "$target")" ] && { echo absent; return; }
      if [ -d "$target/dataset" ] && [ "$(cd "$target" && find dataset -type f -print0 | sort -z | xargs -0 sha256sum)" \
          != "$(cd "$ref" && find dataset -type f -print0 | sort -z | xargs -0 sha256sum)" ]; then
        echo partial; return
      fi
      echo absent; return   # stages done, summary not yet written: the run is resumable, nothing partial
    fi
  fi
  if [ "$(digest "$target")" = "$(digest "$ref")" ]; then echo complete; else echo partial; fi
}

leftovers() { find "$work" \( -name '.*.partial-*' -o -name '.*.partial' \) -print | wc -l; }

printf '%-9s %7s %5s %5s %5s %9s %7s %8s %19s %19s\n' command "run ms" runs kill term complete absent partial "staging after kill" "staging after next"
failed=0
for name in dataset train prune pipeline; do
  case "$name" in train|prune) ext=".json";; *) ext="";; esac
  ref="$work/ref-$name$ext"
  t0=$(date +%s%N)
  ( "cmd_$name" "$ref" ) > /dev/null 2>&1
  span_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  complete=0; absent=0; partial=0; after_kill=0; after_next=0; nkill=0; nterm=0
  for ((i = 0; i < runs; i++)); do
    if (( i % 2 == 0 )); then sig=KILL; nkill=$((nkill + 1)); else sig=TERM; nterm=$((nterm + 1)); fi
    target="$work/out-$name-$i$ext"
    delay_ms=$(( (RANDOM * 32768 + RANDOM) % (span_ms * 11 / 10 + 1) ))
    ( "cmd_$name" "$target" ) > /dev/null 2>&1 &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    kill -s "$sig" "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
    state=$(classify "$name" "$target" "$ref")
    case "$state" in complete) complete=$((complete + 1));; absent) absent=$((absent + 1));; *) partial=$((partial + 1))
      echo "  $name run $i ($sig after ${delay_ms} ms): PARTIAL output $target" >&2;; esac
    if [ "$(leftovers)" -gt 0 ]; then after_kill=$((after_kill + 1)); fi
    # the next run to the same target; a complete model file is replaced only with --force, a complete data set
    # directory is removed first (dataset never writes into a non-empty directory)
    if [ "$state" = complete ] && [ "$name" = dataset ]; then rm -rf "$target"; fi
    if [ "$state" = complete ] && [ -n "$ext" ]; then rm -f "$target"; fi
    if ! ( "cmd_$name" "$target" ) > /dev/null 2> "$work/next.err"; then
      echo "  $name run $i: the next run failed: $(head -1 "$work/next.err")" >&2; partial=$((partial + 1))
    fi
    if [ "$(classify "$name" "$target" "$ref")" != complete ]; then
      echo "  $name run $i: the next run's output differs from the reference" >&2; partial=$((partial + 1))
    fi
    if [ "$(leftovers)" -gt 0 ]; then
      after_next=$((after_next + 1))
      echo "  $name run $i ($sig after ${delay_ms} ms): staging left after the next run:" \
          "$(find "$work" \( -name '.*.partial-*' -o -name '.*.partial' \) -print | head -3)" >&2
      find "$work" \( -name '.*.partial-*' -o -name '.*.partial' \) -prune -exec rm -rf {} +
    fi
    rm -rf "$target"
  done
  printf '%-9s %7d %5d %5d %5d %9d %7d %8d %19d %19d\n' "$name" "$span_ms" "$runs" "$nkill" "$nterm" "$complete" "$absent" "$partial" \
      "$after_kill" "$after_next"
  if (( partial > 0 || after_next > 0 )); then failed=1; fi
done
exit "$failed"
