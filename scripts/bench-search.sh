#!/usr/bin/env bash
# Benchmarks the search on a generated site, guong side by side with
# Pagefind (the pagefind npm package, run on a copy of the same built site):
#   - in headless Chromium, cold cache, a set of queries (default: ten, common
#     and rare words, names with and without diacritics, issue 23's cases; see
#     benchQueries in internal/browsertest/bench_test.go), each engine in turn
#     for each query and run: the bytes downloaded (everything the page
#     fetches, headers included) and the time from navigation to the first
#     result, per query and as the median over the queries, with the ratios;
#   - the time the index takes to build: guong's search step (median of
#     RUNS runs of BenchmarkSearchIndex10000, 10,000 stories) beside the whole
#     guong build, and Pagefind's indexing of the built site.
#
#   scripts/bench-search.sh                   # 10,000 stories, 5 runs
#   N=1000 RUNS=7 BENCH_QUERY="nguyen thi lan|bien gioi" scripts/bench-search.sh
#   SKIP_BUILD_TIMES=1 scripts/bench-search.sh   # the queries only (one build, one indexing)
#
# Work files go to BENCH_DIR (default: a new folder under /tmp), kept for
# inspection. Needs Debian's chromium (apt-get install chromium) and npm;
# Pagefind is installed into BENCH_DIR, never into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
N=${N:-10000}
RUNS=${RUNS:-5}
work=${BENCH_DIR:-$(mktemp -d /tmp/guong-bench-search.XXXXXX)}
mkdir -p "$work"
command -v chromium >/dev/null || { echo "bench-search.sh: chromium is not installed (apt-get install chromium)" >&2; exit 1; }
command -v npm >/dev/null || { echo "bench-search.sh: npm is not installed (apt-get install npm)" >&2; exit 1; }
echo "machine: $(nproc) cores, $(go version | cut -d' ' -f3), $(chromium --version 2>/dev/null)"
echo "work folder: $work"

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# The site.
if [ ! -f "$work/site/site.yaml" ]; then
  go run ./cmd/gencorpus -n "$N" -o "$work/site" >/dev/null
fi
go build -o "$work/guong" ./cmd/guong

# guong: whole builds, then the search step alone.
: >"$work/build-times"
build_runs=$RUNS
[ -n "${SKIP_BUILD_TIMES:-}" ] && build_runs=1
for i in $(seq "$build_runs"); do
  rm -rf "$work/guong-out"
  start=$(date +%s.%N)
  "$work/guong" build -s "$work/site" -d "$work/guong-out" >/dev/null
  awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {print b - a}' >>"$work/build-times"
done
build_s=$(median <"$work/build-times")
step_s=$(go test ./internal/build -run '^$' -bench '^BenchmarkSearchIndex10000$' -benchtime 1x -count "$build_runs" |
  awk '/^BenchmarkSearchIndex10000/ {print $3/1e9}' | median)
index_mb=$(du -sm "$work/guong-out/tim-kiem/chi-muc" | cut -f1)
index_files=$(find "$work/guong-out/tim-kiem/chi-muc" -type f | wc -l)

# Pagefind, on a copy where story pages mark their article as the body to index.
if [ ! -x "$work/npm/node_modules/.bin/pagefind" ]; then
  mkdir -p "$work/npm"
  (cd "$work/npm" && npm install --no-audit --no-fund --silent pagefind@1.6 >/dev/null)
fi
pf_version=$("$work/npm/node_modules/.bin/pagefind" --version 2>/dev/null || echo "pagefind")
: >"$work/pagefind-times"
for i in $(seq "$build_runs"); do
  rm -rf "$work/pagefind"
  cp -r "$work/guong-out" "$work/pagefind"
  find "$work/pagefind/bai-viet" -name index.html -print0 |
    xargs -0 sed -i 's/<article class="story /<article data-pagefind-body class="story /'
  start=$(date +%s.%N)
  "$work/npm/node_modules/.bin/pagefind" --site "$work/pagefind" --output-subdir pagefind >"$work/pagefind.log" 2>&1
  awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {print b - a}' >>"$work/pagefind-times"
done
pf_s=$(median <"$work/pagefind-times")
pf_mb=$(du -sm "$work/pagefind/pagefind" | cut -f1)
mkdir -p "$work/pagefind/pagefind-ui" "$work/pagefind/pagefind-api"
cat >"$work/pagefind/pagefind-ui/index.html" <<'HTML'
<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Pagefind UI</title>
<link href="../pagefind/pagefind-ui.css" rel="stylesheet"><script src="../pagefind/pagefind-ui.js"></script></head>
<body><div id="search"></div>
<script>
window.addEventListener('DOMContentLoaded', function () {
  var ui = new PagefindUI({ element: '#search', showSubResults: false, showImages: false, debounceTimeoutMs: 0 });
  var q = new URLSearchParams(location.search).get('q');
  if (q) { ui.triggerSearch(q); }
});
</script></body></html>
HTML
cat >"$work/pagefind/pagefind-api/index.html" <<'HTML'
<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Pagefind API</title></head>
<body><p id="status"></p><ol id="results"></ol>
<script type="module">
const pagefind = await import('../pagefind/pagefind.js');
const q = new URLSearchParams(location.search).get('q');
const search = await pagefind.search(q);
const data = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
const ol = document.getElementById('results');
for (const d of data) {
  const li = document.createElement('li'), a = document.createElement('a'), p = document.createElement('p');
  a.href = d.url; a.textContent = d.meta.title; p.innerHTML = d.excerpt;
  li.append(a, p); ol.append(li);
}
document.getElementById('status').textContent = search.results.length + ' results';
</script></body></html>
HTML

echo
echo "Index build ($N stories; medians of $build_runs runs):"
printf '  guong build, whole site:      %.2f s\n' "$build_s"
printf '  guong search step (10,000):   %.2f s   index: %s MB in %s files\n' "$step_s" "$index_mb" "$index_files"
printf '  %s indexing:        %.2f s   index: %s MB\n' "$pf_version" "$pf_s" "$pf_mb"
echo
echo "Query in headless Chromium, cold cache:"
mkdir -p "$work/bench"
rm -rf "$work/bench/guong" "$work/bench/pagefind"
ln -s "$work/guong-out" "$work/bench/guong"
ln -s "$work/pagefind" "$work/bench/pagefind"
GUONG_BENCH_SEARCH="$work/bench" BENCH_RUNS=$RUNS \
  go test ./internal/browsertest -run '^TestSearchBenchmark$' -count 1 -v -timeout 30m | grep -E '^(guong|pagefind)'
