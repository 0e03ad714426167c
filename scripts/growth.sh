#!/usr/bin/env bash
# Measures how guong's build time grows with the number of stories: builds
# the generated sites of the sizes given alternately, one size after the
# other in every round, so that each size meets the machine in the same
# state. bench.sh measures the sizes one after the other, minutes apart,
# and on this machine (a shared virtual machine, ext4 without a journal)
# the speed of the cores, of memory and of the file system drifts by a
# tenth and more over such minutes, which a ratio of two sizes inherits.
#
#   scripts/growth.sh                   # N = 10,000 and 100,000 stories
#   scripts/growth.sh 1000 10000        # the sizes given, smallest first
#   RUNS=7 scripts/growth.sh            # measured rounds (default 5, at least 3)
#   HOLD_WRITEBACK=1 scripts/growth.sh  # as root: no write-back to the disk during
#                                       # the builds (see hold_writeback in bench-lib.sh)
#
# One warm-up round, then RUNS rounds of clean builds (outputs moved to the
# graveyard, see bench.sh; before each run, the page cache settled, see
# settle in bench-lib.sh), then three rounds of the floor (cp -r of each
# output). Prints, for each size,
# the median wall time, CPU time (user, system) and peak memory, and for
# each size after the first how they grew: times x10 for stories x10 is
# linear. Also the median time of the sync right after each build: the
# kernel writes a build's files back to the disk some seconds after they
# are written, inside a minute-long build but mostly after a short one, so
# wall + sync is the time until either output is on the disk. And the
# growth round by round: the median of each round's ratio of the sizes.
# And the part of the CPU time the garbage collector spends marking (from
# GODEBUG=gctrace=1, which the builds run with), with the growth of the
# CPU time outside it: marking a heap costs more per byte once what it
# scans outgrows the processor's caches.
# Work files go to BENCH_DIR (default: a new folder under /tmp).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -gt 0 ]; then NS="$*"; fi
NS=${NS:-"10000 100000"}
RUNS=${RUNS:-5}
if [ "$RUNS" -lt 3 ]; then echo "growth.sh: RUNS must be at least 3" >&2; exit 2; fi

. scripts/bench-lib.sh
need_pkg /usr/bin/time time
if [ "${HOLD_WRITEBACK:-0}" = 1 ]; then hold_writeback; fi

go build -o "$work/bin/guong" ./cmd/guong
go build -o "$work/bin/gencorpus" ./cmd/gencorpus
guong=$work/bin/guong
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo); guong $(git describe --always --dirty 2>/dev/null || echo unknown); work: $work"
echo "write-back: background $(cat /proc/sys/vm/dirty_background_ratio)% / $(cat /proc/sys/vm/dirty_background_bytes) bytes, expire $(cat /proc/sys/vm/dirty_expire_centisecs)0 ms"

for n in $NS; do
  discard "$work/site-$n"
  "$work/bin/gencorpus" -n "$n" -o "$work/site-$n"
  : >"$work/guong-$n.txt"
  : >"$work/cp-$n.txt"
  : >"$work/sync-$n.txt"
  : >"$work/gc-$n.txt"
done
bury

for round in $(seq 0 "$RUNS"); do
  line="round $round/$RUNS:"
  [ "$round" = 0 ] && line="warm-up:"
  for n in $NS; do
    out=$work/out-$n
    discard_fresh "$out" "$work/site-$n/.guong-cache"
    settle "$work/site-$n"
    file=$work/guong-$n.txt
    [ "$round" = 0 ] && file=$work/warmup.txt
    timed "$file" env GODEBUG="${GODEBUG:+$GODEBUG,}gctrace=1" "$guong" build -s "$work/site-$n" -d "$out" --future
    [ "$round" != 0 ] && gc_marking "$work/last.log" >>"$work/gc-$n.txt"
    built=$(tail -1 "$file" | cut -d' ' -f1)
    sync_file=$work/sync-$n.txt
    [ "$round" = 0 ] && sync_file=$work/warmup.txt
    timed "$sync_file" sync
    line="$line  N=$n ${built}s (+sync $(tail -1 "$sync_file" | cut -d' ' -f1)s)"
  done
  echo "$line (load $(cut -d' ' -f1 /proc/loadavg))"
done
for _ in 1 2 3; do
  for n in $NS; do
    discard_fresh "$work/copy-$n"
    settle "$work/out-$n"
    timed "$work/cp-$n.txt" cp -r "$work/out-$n" "$work/copy-$n"
  done
done

echo
printf '%-8s %9s %9s %9s %9s %9s %9s %11s\n' "N" "wall (s)" "CPU (s)" "user (s)" "sys (s)" "RSS (MB)" "sync (s)" "cp -r (s)"
first=
for n in $NS; do
  g=$work/guong-$n.txt
  w=$(median 1 "$g") c=$(median cpu "$g") u=$(median 2 "$g") s=$(median 3 "$g") m=$(median 4 "$g") f=$(median 1 "$work/cp-$n.txt")
  y=$(median 1 "$work/sync-$n.txt")
  ws=$(median 1 <(paste -d' ' "$g" "$work/sync-$n.txt" | awk '{ print $1 + $5 }')) # wall + sync of each run
  printf '%-8s %9.2f %9.2f %9.2f %9.2f %9.0f %9.2f %11.2f\n' "$n" "$w" "$c" "$u" "$s" "$(calc "$m / 1024")" "$y" "$f"
  if [ -z "$first" ]; then
    first=$n fw=$w fc=$c fu=$u fs=$s fm=$m ff=$f fws=$ws
  else
    printf '  growth from N = %s: stories x%.1f; wall x%.2f, CPU x%.2f (user x%.2f, sys x%.2f), peak RSS x%.1f; floor (cp -r) x%.2f\n' \
      "$first" "$(calc "$n / $first")" "$(calc "$w / $fw")" "$(calc "$c / $fc")" "$(calc "$u / $fu")" "$(calc "$s / $fs")" "$(calc "$m / $fm")" "$(calc "$f / $ff")"
    printf '  wall + sync (until the output is on the disk): %.2f s -> %.2f s, x%.2f\n' "$fws" "$ws" "$(calc "$ws / $fws")"
    # The same growth round by round: each round's ratio of the two sizes,
    # then the median of those. The ratio of the medians above may pair a
    # fast round of one size with a slow round of the other.
    ratios=$work/ratios-$n.txt
    paste -d' ' "$work/guong-$first.txt" "$g" | awk '{ print $5 / $1, ($6 + $7) / ($2 + $3), $6 / $2 }' >"$ratios"
    printf '  round by round: wall x%.2f (rounds: %s), CPU x%.2f, user x%.2f (medians)\n' "$(median 1 "$ratios")" \
      "$(values 1 "$ratios")" "$(median 2 "$ratios")" "$(median 3 "$ratios")"
  fi
done
echo
echo "The collector's marking (GODEBUG=gctrace=1) and the CPU time outside it:"
printf '%-8s %9s %9s %11s %13s\n' "N" "cycles" "mark (s)" "mark share" "CPU - mark (s)"
first=
for n in $NS; do
  # Each run: CPU outside marking, marking, cycles.
  paste -d' ' "$work/guong-$n.txt" "$work/gc-$n.txt" | awk '{ print $2 + $3 - $5, $5, $6, $5 / ($2 + $3) }' >"$work/rest-$n.txt"
  printf '%-8s %9.0f %9.2f %10.1f%% %13.2f\n' "$n" "$(median 3 "$work/rest-$n.txt")" "$(median 2 "$work/rest-$n.txt")" \
    "$(calc "100 * $(median 4 "$work/rest-$n.txt")")" "$(median 1 "$work/rest-$n.txt")"
  if [ -z "$first" ]; then
    first=$n
  else
    paste -d' ' "$work/rest-$first.txt" "$work/rest-$n.txt" | awk '{ print $5 / $1, $6 / $2 }' >"$work/rest-ratios-$n.txt"
    printf '  growth from N = %s, round by round (medians): CPU outside marking x%.2f (rounds: %s), marking x%.2f\n' "$first" \
      "$(median 1 "$work/rest-ratios-$n.txt")" "$(values 1 "$work/rest-ratios-$n.txt")" \
      "$(median 2 "$work/rest-ratios-$n.txt")"
  fi
done
GRAVE_WAIT=0 GRAVE_WAIT_LARGE=0 bury
