# Shared by scripts/bench.sh and scripts/growth.sh, which source it: package
# installation, the work folder and its graveyard (see bench.sh for why
# outputs are buried rather than deleted), and timing.

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=
need_pkg() { # command package
  command -v "$1" >/dev/null && return
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root apt-get install -y -qq "$2" >/dev/null
}
work=${BENCH_DIR:-$(mktemp -d /tmp/guong-bench.XXXXXX)}
mkdir -p "$work/bin"
GRAVE_WAIT=${GRAVE_WAIT:-65}
GRAVE_WAIT_LARGE=${GRAVE_WAIT_LARGE:-360}
GRAVE_MIN_FREE_GB=${GRAVE_MIN_FREE_GB:-15}
grave=$work/grave
graves=0
# discard PATH...: moves each PATH that exists into the graveyard.
discard() {
  local p
  for p in "$@"; do
    if [ -e "$p" ]; then
      graves=$((graves + 1))
      mkdir -p "$grave"
      mv "$p" "$grave/$graves"
    fi
  done
}
# bury: empties the graveyard and waits until the inodes it freed may be
# reused without cost (see bench.sh).
bury() {
  [ -d "$grave" ] || return 0
  local before after
  before=$(df -Pi "$work" | awk 'NR == 2 { print $3 }')
  rm -rf "$grave"
  sync
  after=$(df -Pi "$work" | awk 'NR == 2 { print $3 }')
  if [ $((before - after)) -gt 200000 ]; then sleep "$GRAVE_WAIT_LARGE"; else sleep "$GRAVE_WAIT"; fi
}
# discard_fresh PATH...: discard, then bury if the disk is getting full.
discard_fresh() {
  discard "$@"
  local free_kb
  free_kb=$(df -Pk "$work" | awk 'NR == 2 { print $4 }')
  if [ "$free_kb" -lt $((GRAVE_MIN_FREE_GB * 1048576)) ]; then bury; fi
}
# settle DIR...: before a timed run, untimed: writes the dirty pages back
# (sync) and, as root, empties the page cache, then reads every file under
# each DIR again, so that every run starts with the same free memory and
# warm inputs. Otherwise, once the earlier runs' outputs fill the memory, a
# run pays the kernel for reclaiming their pages as it writes its own, and
# the more so the bigger its output: 5 GB at 100,000 stories.
settle() {
  sync
  if [ -w /proc/sys/vm/drop_caches ]; then
    echo 1 >/proc/sys/vm/drop_caches
    local d
    for d in "$@"; do find "$d" -type f -print0 | xargs -0 cat >/dev/null; done
  fi
}
# timed FILE CMD...: runs CMD under /usr/bin/time, appending "wall user sys maxrss_kb" to FILE.
timed() {
  local out=$1; shift
  local t=$work/time.txt
  if ! /usr/bin/time -f '%e %U %S %M' -o "$t" "$@" >"$work/last.log" 2>&1; then
    echo "$(basename "$0"): failed: $*" >&2; cat "$work/last.log" >&2; exit 1
  fi
  tail -1 "$t" >>"$out"
}

calc() { awk "BEGIN { print $1 }"; }

# gc_marking LOG: from the lines GODEBUG=gctrace=1 wrote into LOG, the CPU
# seconds the collector spent in its cycles (the stop-the-world phases and
# the marking by assists, background and idle workers: "a+b/c/d+e ms cpu")
# and the number of cycles.
gc_marking() {
  awk '/^gc [0-9]+ @/ {
    n++
    split($0, f, " ms cpu")
    k = split(f[1], w, " ")
    m = split(w[k], v, "[+/]")
    for (i = 1; i <= m; i++) ms += v[i]
  } END { printf "%.3f %d\n", ms / 1000, n }' "$1"
}

# median COLUMN FILE: the median of a column of numbers (for CPU: user+sys).
median() {
  awk -v c="$1" '{ v = (c == "cpu") ? $2 + $3 : $c; print v }' "$2" | sort -g |
    awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# values COLUMN FILE: a column's numbers on one line, two decimals each.
values() { awk -v c="$1" '{ printf "%s%.2f", (NR > 1 ? " " : ""), $c }' "$2"; }

# hold_writeback: (as root) keeps the kernel from writing dirty pages back
# to the disk while the runs last: the dirty limits are raised to 40 and
# 60 % of the memory and pages may stay dirty for 10 minutes; settle's sync
# still writes everything back between runs. By default the kernel starts
# writing back once 10 % of the available memory is dirty (1.5–1.7 GB
# here) or a page has been dirty for 30 s: inside a 100,000-story build
# (5 GB), after a 10,000-story one (0.5 GB). The previous settings are put
# back when the script exits, however it exits.
hold_writeback() {
  local vm=/proc/sys/vm mem_kb
  if [ ! -w $vm/dirty_bytes ]; then echo "$(basename "$0"): HOLD_WRITEBACK needs root" >&2; exit 2; fi
  writeback_saved="$(cat $vm/dirty_background_ratio $vm/dirty_background_bytes $vm/dirty_ratio $vm/dirty_bytes $vm/dirty_expire_centisecs)"
  trap restore_writeback EXIT
  mem_kb=$(awk '/MemTotal/ { print $2 }' /proc/meminfo)
  echo $((mem_kb * 1024 / 10 * 4)) >$vm/dirty_background_bytes
  echo $((mem_kb * 1024 / 10 * 6)) >$vm/dirty_bytes
  echo 60000 >$vm/dirty_expire_centisecs
}
# restore_writeback: puts back the settings hold_writeback changed (a
# ratio or a number of bytes, whichever was set).
restore_writeback() {
  local vm=/proc/sys/vm bg_ratio bg_bytes ratio bytes expire
  read -r bg_ratio bg_bytes ratio bytes expire <<<"$(echo $writeback_saved)"
  if [ "$bg_bytes" != 0 ]; then echo "$bg_bytes" >$vm/dirty_background_bytes; else echo "$bg_ratio" >$vm/dirty_background_ratio; fi
  if [ "$bytes" != 0 ]; then echo "$bytes" >$vm/dirty_bytes; else echo "$ratio" >$vm/dirty_ratio; fi
  echo "$expire" >$vm/dirty_expire_centisecs
}
