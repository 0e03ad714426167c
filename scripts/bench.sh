#!/usr/bin/env bash
# Builds the same generated site with guong and with Hugo, side by side, and
# prints each tool's median wall time, CPU time (user+sys) and peak memory
# (maximum resident set size), with the ratios guong/Hugo of the medians.
#
#   scripts/bench.sh                 # N = 1,000 and 10,000 stories
#   scripts/bench.sh 100000          # the sizes given (NS="1000 100000" works too)
#   RUNS=7 scripts/bench.sh 10000    # measured runs per tool (default 5, at least 5)
#
# Hugo needs about 0.25 GB per 1,000 stories: above HUGO_MAX stories (default
# 30000) only guong is measured, so that N = 100,000 does not exhaust the
# memory of a 24 GB machine.
#
# For each N it generates the corpus (cmd/gencorpus, seed 1) into a temporary
# folder, checks that both tools build the same number of story pages and list
# pages, then builds alternately: one warm-up run of each tool, then RUNS runs
# of each, guong and Hugo taking turns. Every run is a clean build: the
# destination is moved out of the way first (and guong's cache,
# SITE/.guong-cache, when there is one). Then it measures guong's no-change
# rebuild (previous output and cache kept) and the floor: copying guong's
# output tree (cp -r) and reading every input file (cat > /dev/null). Given
# more than one N, it prints for each after the first how guong's figures
# and the floor grew from the N before (times x10 for stories x10 is linear). Before
# each run, untimed, the dirty pages are written back (sync) and, as root,
# the page cache is emptied and the inputs read again (settle in
# bench-lib.sh): every run starts with the same free memory and its inputs
# warm, as in everyday use, instead of paying for the pages earlier runs'
# outputs left in the cache.
#
# Previous outputs are moved to BENCH_DIR/grave, not deleted, between runs.
# On ext4 without a journal (this machine's root file system), the kernel
# will not reuse an inode freed less than 60 s ago (6 min while its block is
# dirty), and checks every such inode it passes each time it makes a file
# or folder (`perf record` shows the time in ext4's recently_deleted): cp -r
# of the 10,000-story output (43,600 files and folders) takes 6.2 s right
# after `rm -rf` of the previous copy, 2.4 s after moving it aside, so a run
# would mostly measure the deletion before it. The graveyard is emptied,
# then aged (sync, and GRAVE_WAIT seconds: default 65; GRAVE_WAIT_LARGE,
# default 360, after more than 200,000 files and folders, as after the
# 10,000-story outputs: the 100,000-story runs that followed them by 65 s
# spent 78, 61, 27, 20, 20, 17 s in the kernel, one after the other),
# before each size and whenever the free space falls under
# GRAVE_MIN_FREE_GB (default 15); it is emptied at the end.
#
# The Hugo site is bench/hugo; Debian's hugo package is installed if hugo is
# missing (and the time package for /usr/bin/time). Work files go to
# BENCH_DIR (default: a new folder under /tmp), kept for inspection.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

if [ $# -gt 0 ]; then NS="$*"; fi
NS=${NS:-"1000 10000"}
RUNS=${RUNS:-5}
HUGO_MAX=${HUGO_MAX:-30000}
if [ "$RUNS" -lt 5 ]; then echo "bench.sh: RUNS must be at least 5" >&2; exit 2; fi

. scripts/bench-lib.sh
need_pkg hugo hugo
need_pkg /usr/bin/time time

go build -o "$work/bin/guong" ./cmd/guong
go build -o "$work/bin/gencorpus" ./cmd/gencorpus
guong=$work/bin/guong
hugo_version=$(hugo version | sed -n 's/.*v\([0-9][0-9.]*\).*/\1/p')

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo)"
echo "guong:   $(cd "$repo" && git describe --always --dirty 2>/dev/null || echo unknown) ($(go version | cut -d' ' -f3))"
echo "hugo:    $hugo_version (hugo --minify)"
echo "work:    $work"

# pages DIR: "stories lists" — the pages the check compares.
#   story page: bai-viet/<slug>/index.html
#   list page:  any index.html under mo-hinh/, don-vi/, nhan-vat/, phong-trao/,
#               chu-de/ or nam/: a taxonomy's list of terms, a term's page and
#               its pages 2, 3, … (<list>/trang/<n>/), except
#               - <list>/trang/1/index.html: Hugo's redirect of page 1 to the list, not a page;
#               - nhan-vat/<person>/trang/<n>/: Hugo paginates a person's stories,
#                 guong shows them all on the person's page (counted apart: person_pages).
pages() {
  (cd "$1" && find . -name index.html | sed 's|^\./||' | awk -F/ '
    $1 == "bai-viet" && NF == 3 { s++; next }
    $1 ~ /^(mo-hinh|don-vi|nhan-vat|phong-trao|chu-de|nam)$/ {
      if ($0 ~ /\/trang\/1\/index\.html$/) next
      if ($1 == "nhan-vat" && $0 ~ /\/trang\//) next
      l++ }
    END { print s + 0, l + 0 }')
}
person_pages() { (cd "$1" && find nhan-vat -path '*/trang/*' -name index.html ! -path '*/trang/1/*' | wc -l); }
aliases() { (cd "$1" && find . -path '*/trang/1/index.html' | wc -l); }
files() { find "$1" -type f | wc -l; }

summary=$work/summary.txt
: >"$summary"
for n in $NS; do
  echo
  echo "== N = $n stories =="
  site=$work/site-$n
  discard "$site"
  bury
  "$work/bin/gencorpus" -n "$n" -o "$site"
  inputs=$(find "$site" -type f | wc -l)
  echo "corpus: $inputs files, $(du -sh "$site" | cut -f1) ($work/bin/gencorpus -n $n -o $site)"

  # The Hugo site: bench/hugo plus a config file mounting the generated content.
  hsite=$work/hugo-$n
  discard "$hsite"
  cp -r bench/hugo "$hsite"
  cfg=$hsite/hugo.yaml
  if [ "$(printf '%s\n0.110\n' "$hugo_version" | sort -V | head -1)" != 0.110 ]; then
    cfg=$hsite/config.yaml # Hugo before 0.110 reads only config.*
    mv "$hsite/hugo.yaml" "$cfg"
  fi
  cat >"$hsite/mounts.yaml" <<EOF
module:
  mounts:
    - {source: content, target: content}
    - {source: layouts, target: layouts}
    - {source: "$site/content", target: content, excludeFiles: ["campaigns/**"]}
    - {source: "$site/content/campaigns", target: content/campaign-info}
    - {source: "$repo/themes/default/static", target: static}
EOF
  gout=$work/out-guong-$n
  hout=$work/out-hugo-$n
  # Before each run, untimed: the previous output moved to the graveyard and
  # the page cache settled (dirty pages written back, and as root the cache
  # emptied and the inputs read again; see settle in bench-lib.sh), so that
  # no run pays for another's writes.
  run_guong() { discard_fresh "$gout" "$site/.guong-cache"; settle "$site"; timed "$1" "$guong" build -s "$site" -d "$gout" --future; }
  run_hugo() { discard_fresh "$hout"; settle "$site" "$hsite"; timed "$1" hugo --minify --buildFuture --quiet -s "$hsite" --config "$cfg,$hsite/mounts.yaml" -d "$hout"; }

  with_hugo=1
  if [ "$n" -gt "$HUGO_MAX" ]; then
    with_hugo=
    echo "hugo:   not run (N > HUGO_MAX=$HUGO_MAX)"
    run_hugo() { :; }
  fi

  g=$work/guong-$n.txt h=$work/hugo-$n.txt r=$work/guong-rebuild-$n.txt
  : >"$g"; : >"$h"; : >"$r"
  run_guong "$work/warmup.txt"
  run_hugo "$work/warmup.txt"

  read -r gs gl <<<"$(pages "$gout")"
  hs=$gs hl=$gl
  if [ -n "$with_hugo" ]; then
    read -r hs hl <<<"$(pages "$hout")"
    echo "pages:  guong $gs story pages, $gl list pages; Hugo $hs story pages, $hl list pages"
    echo "        (Hugo also writes $(person_pages "$hout") person pages 2, 3, … and $(aliases "$hout") page-1 redirects)"
    echo "files:  guong $(files "$gout"), Hugo $(files "$hout") (feeds, sitemap, redirects…)"
  else
    echo "pages:  guong $gs story pages, $gl list pages; $(files "$gout") files"
  fi
  if [ "$gs" != "$hs" ] || [ "$gl" != "$hl" ] || [ "$gs" != "$n" ]; then
    echo "bench.sh: guong and Hugo do not build the same pages; per folder:" >&2
    for d in "$gout" "$hout"; do
      echo "$d:" >&2
      (cd "$d" && find . -name index.html ! -path '*/trang/1/*' | cut -d/ -f2 | sort | uniq -c) >&2
    done
    exit 1
  fi

  # Other processes skew the figures: the 1-minute load average before each
  # run is printed (about 0 on an idle machine; about 1-2 while a build runs).
  loads=""
  for i in $(seq "$RUNS"); do
    l1=$(cut -d' ' -f1 /proc/loadavg)
    run_guong "$g"
    l2=$(cut -d' ' -f1 /proc/loadavg)
    run_hugo "$h"
    loads="$loads $l1 $l2"
    if [ -n "$with_hugo" ]; then
      printf '  run %d/%d: guong %ss (load %s), Hugo %ss (load %s)\n' "$i" "$RUNS" \
        "$(tail -1 "$g" | cut -d' ' -f1)" "$l1" "$(tail -1 "$h" | cut -d' ' -f1)" "$l2"
    else
      printf '  run %d/%d: guong %ss (load %s)\n' "$i" "$RUNS" "$(tail -1 "$g" | cut -d' ' -f1)" "$l1"
    fi
  done
  # No-change rebuild: the previous output (and cache) kept.
  for _ in $(seq "$RUNS"); do
    sync
    timed "$r" "$guong" build -s "$site" -d "$gout" --future
  done

  # The floor: writing an output tree of that size, and reading the inputs.
  # (medians of 3; cp is single-threaded and spends its time in the kernel)
  c=$work/cp-$n.txt
  : >"$c"
  for _ in 1 2 3; do
    discard_fresh "$work/copy-$n"; settle "$gout"
    timed "$c" cp -r "$gout" "$work/copy-$n"
  done
  discard "$work/copy-$n"
  cp_t=$(median 1 "$c") cp_c=$(median cpu "$c")
  c=$work/cat-$n.txt
  : >"$c"
  for _ in 1 2 3; do
    timed "$c" sh -c "find '$site' -type f -print0 | xargs -0 cat >/dev/null"
  done
  cat_t=$(median 1 "$c")

  gw=$(median 1 "$g") gc=$(median cpu "$g") gm=$(median 4 "$g")
  if [ -n "$with_hugo" ]; then hw=$(median 1 "$h") hc=$(median cpu "$h") hm=$(median 4 "$h"); fi
  rw=$(median 1 "$r") rc=$(median cpu "$r") rm_=$(median 4 "$r")
  {
    echo
    echo "N = $n ($RUNS runs each; medians; load average before the runs:$loads)"
    printf '%-24s %10s %10s %12s\n' "" "wall (s)" "CPU (s)" "peak RSS (MB)"
    printf '%-24s %10.2f %10.2f %12.0f\n' "guong build" "$gw" "$gc" "$(calc "$gm / 1024")"
    if [ -n "$with_hugo" ]; then
      printf '%-24s %10.2f %10.2f %12.0f\n' "hugo --minify" "$hw" "$hc" "$(calc "$hm / 1024")"
      printf '%-24s %10.2f %10.2f %12.2f\n' "ratio guong/Hugo" "$(calc "$gw / $hw")" "$(calc "$gc / $hc")" "$(calc "$gm / $hm")"
    fi
    printf '%-24s %10.2f %10.2f %12.0f\n' "guong no-change rebuild" "$rw" "$rc" "$(calc "$rm_ / 1024")"
    echo "floor: cp -r of guong's output ($(files "$gout") files, $(du -sh "$gout" | cut -f1)): ${cp_t}s wall, ${cp_c}s CPU; reading the $inputs input files (cat): ${cat_t}s"
    if [ -n "${prev_n:-}" ]; then
      # How the time grows with the stories: linear growth is a ratio of
      # times equal to the ratio of stories.
      printf 'growth from N = %s: stories x%.1f; guong wall x%.1f, CPU x%.1f, peak RSS x%.1f; floor (cp -r) x%.1f\n' "$prev_n" \
        "$(calc "$n / $prev_n")" "$(calc "$gw / $prev_gw")" "$(calc "$gc / $prev_gc")" "$(calc "$gm / $prev_gm")" "$(calc "$cp_t / $prev_cp")"
    fi
  } | tee -a "$summary"
  prev_n=$n prev_gw=$gw prev_gc=$gc prev_gm=$gm prev_cp=$cp_t
done

GRAVE_WAIT=0 GRAVE_WAIT_LARGE=0 bury

echo
echo "== Summary =="
cat "$summary"
