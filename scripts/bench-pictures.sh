#!/usr/bin/env bash
# What body pictures cost a build: a generated site of N stories (default
# 1000) whose every 4th body shows a 1600×1000 photo of its own, and the
# same site without them, built by guong at BASE (a commit, default
# 393f6e3: before body pictures were resized) and by the working tree,
# alternately, RUNS times each (default 3), with the image cache warm and,
# for the site with pictures, empty. Prints wall time, user and system
# CPU, and peak memory per run (/usr/bin/time). Usage:
#   scripts/bench-pictures.sh [N]        BASE=<commit> RUNS=<n> BENCH_DIR=<dir>
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000} runs=${RUNS:-3} base=${BASE:-393f6e3}
dir=${BENCH_DIR:-$(mktemp -d /tmp/bench-pictures.XXXX)}
mkdir -p "$dir"
rm -rf "$dir/base-src" && mkdir "$dir/base-src" && git archive "$base" | tar -x -C "$dir/base-src"
(cd "$dir/base-src" && go build -o "$dir/guong-base" ./cmd/guong)
go build -o "$dir/guong-now" ./cmd/guong
[ -d "$dir/site-$n-pictures" ] || go run ./cmd/gencorpus -n "$n" -pictures 4 -o "$dir/site-$n-pictures"
[ -d "$dir/site-$n" ] || go run ./cmd/gencorpus -n "$n" -o "$dir/site-$n"
# Each build has a folder of its own: guong locks the destination's parent.
mkdir -p "$dir/out"
bench() { # site cold|warm
  for _ in $(seq "$runs"); do
    for b in base now; do
      [ "$2" = cold ] && rm -rf "$1/.guong-cache"
      rm -rf "$dir/out/public"
      /usr/bin/time -f "$b $(basename "$1") $2: %e s wall, %U s user, %S s sys, %M KB" \
        "$dir/guong-$b" build -s "$1" -d "$dir/out/public" --force >/dev/null 2>"$dir/time.txt" || cat "$dir/time.txt"
      tail -1 "$dir/time.txt"
    done
  done
}
"$dir/guong-now" build -s "$dir/site-$n-pictures" -d "$dir/out/public" --force >/dev/null # fills the cache
bench "$dir/site-$n-pictures" warm
bench "$dir/site-$n" warm
bench "$dir/site-$n-pictures" cold
