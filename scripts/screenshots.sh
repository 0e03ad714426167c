#!/usr/bin/env bash
# Takes the README's screenshots of the sample site with headless Chromium
# (Debian's chromium package): the home page and a story, on a 360 px phone
# and a desktop; the report on screen, and the first printed page of the
# report and of a roll of honour (--print-to-pdf, then pdftoppm from
# poppler-utils, skipped when it is missing); the writer's desk, its form
# on a phone and a desktop. The site's pages are taken from a preview
# without the desk (--desk=false), so that they show no link to it.
# Usage: scripts/screenshots.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshots}
port=${PORT:-13130}
mkdir -p "$out"
command -v chromium >/dev/null || { echo "chromium is not installed (apt-get install chromium)" >&2; exit 1; }

go build -o "${TMPDIR:-/tmp}/guong-shots" ./cmd/guong
"${TMPDIR:-/tmp}/guong-shots" serve --open=false --desk=false --drafts=false --future=false --port "$port" >/dev/null 2>&1 &
server=$!
deskport=$((port + 1))
"${TMPDIR:-/tmp}/guong-shots" serve --open=false --port "$deskport" >/dev/null 2>&1 &
deskserver=$!
profile=$(mktemp -d)
trap 'kill $server $deskserver 2>/dev/null; rm -rf "$profile"' EXIT
for p in "$port" "$deskport"; do
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$p/" >/dev/null && break; sleep 0.1; done
done

base="http://127.0.0.1:$port/guong-dien-hinh"
story="$base/bai-viet/chi-hoang-thi-lan-dan-van-kheo-noi-bien-gioi/"
shot() { # url width,height file
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --hide-scrollbars --window-size="$2" --screenshot="$3" "$1" >/dev/null 2>&1
  echo "$3"
}
shot "$base/" 1280,1400 "$out/home-desktop.png"
shot "$base/" 360,1400 "$out/home-phone.png"
shot "$story" 1280,1400 "$out/story-desktop.png"
shot "$story" 360,1400 "$out/story-phone.png"
shot "$base/bao-cao/" 1100,1500 "$out/bao-cao.png"
deskform="http://127.0.0.1:$deskport/__guong/ban-viet/sua?file=content/stories/2022/chi-hoang-thi-lan-dan-van-kheo-noi-bien-gioi.md"
shot "$deskform" 1280,1300 "$out/desk-desktop.png"
shot "$deskform" 360,1400 "$out/desk-phone.png"
printed() { # url file (first page, as PNG)
  command -v pdftoppm >/dev/null || { echo "pdftoppm is not installed (apt-get install poppler-utils): $2 skipped" >&2; return; }
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --no-pdf-header-footer --print-to-pdf="$profile/page.pdf" "$1" >/dev/null 2>&1
  pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$profile/page.pdf" "${2%.png}"
  echo "$2"
}
printed "$base/bao-cao/" "$out/bao-cao-in.png"
printed "$base/bang-vang/phong-trao/chuyen-doi-so/" "$out/bang-vang-in.png"
