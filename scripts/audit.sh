#!/usr/bin/env bash
# The judges of the sample site's pages, run on the built output as readers
# get it:
#   - Lighthouse (npm lighthouse, Debian's Chromium) at phone and desktop
#     settings on the home, a story, a list, the search, the report and the
#     people pages: performance, accessibility, best practices and SEO, each
#     to reach MIN_SCORE (default 95);
#   - the W3C Nu HTML checker (npm vnu-jar, run with java) on every HTML page:
#     0 errors;
#   - axe-core (npm axe-core) on every HTML page at 360 and 1280 px, with the
#     reader's high contrast off and on, injected with chromedp by
#     internal/browsertest's TestAxe: no violation.
#
#   scripts/audit.sh                   # everything
#   ONLY="vnu axe" scripts/audit.sh    # some of lighthouse, vnu, axe
#
# The tools are installed from npm into AUDIT_TOOLS (default
# /tmp/guong-audit-tools), never into the repository; the built site, the
# server's log and Lighthouse's reports go to AUDIT_DIR (default: a new
# folder under /tmp), kept for inspection. The site is served by python3's
# http.server (no compression, as a plain portal might) on PORT (13140).
# Exit status 1 when a judge is not satisfied.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=${AUDIT_TOOLS:-/tmp/guong-audit-tools}
work=${AUDIT_DIR:-$(mktemp -d /tmp/guong-audit.XXXXXX)}
port=${PORT:-13140}
only=${ONLY:-lighthouse vnu axe}
min=${MIN_SCORE:-95}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
for cmd in node npm java python3 "$CHROME_PATH"; do
  command -v "$cmd" >/dev/null || { echo "audit.sh: $cmd is not installed" >&2; exit 1; }
done
echo "machine: $(nproc) cores, $(go version | cut -d' ' -f3), $("$CHROME_PATH" --version 2>/dev/null), node $(node --version)"
echo "work folder: $work"

if [ ! -x "$tools/node_modules/.bin/lighthouse" ] || [ ! -f "$tools/node_modules/vnu-jar/build/dist/vnu.jar" ] || [ ! -f "$tools/node_modules/axe-core/axe.min.js" ]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error lighthouse vnu-jar axe-core >/dev/null
fi
echo "tools: lighthouse $("$tools/node_modules/.bin/lighthouse" --version), vnu $(java -jar "$tools/node_modules/vnu-jar/build/dist/vnu.jar" --version), axe-core $(node -p "require('$tools/node_modules/axe-core/package.json').version")"

# The sample site, built as `guong build` publishes it, under its base path.
base=$(sed -n 's|^baseURL: *"\{0,1\}https\{0,1\}://[^/]*\(/[^"]*\)"\{0,1\}|\1|p' site.yaml)
base=${base:-/}
rm -rf "$work/root"
mkdir -p "$work/root"
go run ./cmd/guong build -d "$work/root${base%/}" >/dev/null
out="$work/root${base%/}"
failed=0

if [[ " $only " == *" vnu "* ]]; then
  echo "== vnu: every HTML page ($(find "$out" -name '*.html' | wc -l) files)"
  if java -jar "$tools/node_modules/vnu-jar/build/dist/vnu.jar" --errors-only --format gnu --skip-non-html "$out" 2>"$work/vnu.txt"; then
    echo "vnu: 0 errors"
  else
    sed "s|$out/||" "$work/vnu.txt" | head -50
    echo "vnu: $(wc -l <"$work/vnu.txt") errors (all in $work/vnu.txt)"
    failed=1
  fi
fi

if [[ " $only " == *" axe "* ]]; then
  echo "== axe-core: every HTML page, 360 and 1280 px, contrast off and on"
  if GUONG_AXE="$tools/node_modules/axe-core/axe.min.js" go test ./internal/browsertest -run '^TestAxe$' -count=1 -v -timeout 30m >"$work/axe.txt" 2>&1; then
    grep -o 'axe-core: .*' "$work/axe.txt"
  else
    grep -v '^=== \|^\s*$' "$work/axe.txt" | head -60
    failed=1
  fi
fi

if [[ " $only " == *" lighthouse "* ]]; then
  echo "== Lighthouse (minimum $min)"
  python3 -m http.server --bind 127.0.0.1 --directory "$work/root" "$port" >"$work/server.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null' EXIT
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port$base" >/dev/null && break; sleep 0.1; done
  site="http://127.0.0.1:$port$base"
  story=$(cd "$out" && ls -d bai-viet/*/ | head -1)
  pages=("home|" "story|$story" "list|mo-hinh/dan-van-kheo/" "search|tim-kiem/?q=hoang+thi+lan" "report|bao-cao/" "people|nhan-vat/")
  printf '%-8s %-7s %5s %5s %5s %5s\n' page device perf a11y bp seo
  for form in mobile desktop; do
    preset=()
    [ "$form" = desktop ] && preset=(--preset=desktop)
    for entry in "${pages[@]}"; do
      name=${entry%%|*} path=${entry#*|}
      report="$work/lighthouse-$name-$form.json"
      "$tools/node_modules/.bin/lighthouse" "$site$path" "${preset[@]}" --quiet \
        --only-categories=performance,accessibility,best-practices,seo \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync" \
        --output=json --output-path="$report" >/dev/null 2>"$work/lighthouse-$name-$form.log" || true
      line=$(node -e '
        const r = JSON.parse(require("fs").readFileSync(process.argv[1]));
        const c = r.categories, min = +process.argv[2];
        const s = ["performance", "accessibility", "best-practices", "seo"].map(k => c[k] && c[k].score !== null ? Math.round(c[k].score * 100) : -1);
        const bad = [];
        for (const k of ["performance", "accessibility", "best-practices", "seo"])
          for (const ref of (c[k] ? c[k].auditRefs : [])) {
            const a = r.audits[ref.id];
            if (ref.weight > 0 && a.score !== null && a.score < 0.9) bad.push(ref.id + " " + Math.round(a.score * 100));
          }
        console.log(s.join(" ") + (s.some(x => x < min) ? " LOW" : "") + (bad.length ? " | " + bad.join(", ") : ""));
      ' "$report" "$min" 2>/dev/null || echo "-1 -1 -1 -1 LOW | no report: see $work/lighthouse-$name-$form.log")
      read -r perf a11y bp seo rest <<<"$line"
      printf '%-8s %-7s %5s %5s %5s %5s %s\n' "$name" "$form" "$perf" "$a11y" "$bp" "$seo" "$rest"
      [[ "$rest" == LOW* ]] && failed=1
    done
  done
fi

exit $failed
