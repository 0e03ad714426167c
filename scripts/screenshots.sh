#!/usr/bin/env bash
# Takes the README's screenshots of the sample site with headless Chromium
# (Debian's chromium package): the home page and a story, on a 360 px phone
# and a desktop; the report on screen, and the first printed page of the
# report and of a roll of honour (--print-to-pdf, then pdftoppm from
# poppler-utils, skipped when it is missing). Usage: scripts/screenshots.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshots}
port=${PORT:-13130}
mkdir -p "$out"
command -v chromium >/dev/null || { echo "chromium is not installed (apt-get install chromium)" >&2; exit 1; }

go build -o "${TMPDIR:-/tmp}/guong-shots" ./cmd/guong
"${TMPDIR:-/tmp}/guong-shots" serve --port "$port" --drafts=false --future=false --open=false >/dev/null 2>&1 &
server=$!
profile=$(mktemp -d)
trap 'kill $server 2>/dev/null; rm -rf "$profile"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done

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
