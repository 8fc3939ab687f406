#!/usr/bin/env bash
# The README's pictures of `relgraph serve` (docs/serve.png, docs/serve-error.png):
# serves a copy of the flagship on a free port, screenshots the page through a view
# in headless Chromium, saves a mistake into the copy and screenshots the page again.
#   usage: scripts/serve-screenshot.sh [RELGRAPH_BINARY]   (default: the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-}"
if [[ -z "$bin" ]]; then
  swift build -c release --product relgraph >/dev/null
  bin="$(swift build -c release --show-bin-path)/relgraph"
fi
bin="$(realpath "$bin")"
work="$(mktemp -d)"
mkdir "$work/graphs"
cp graphs/iskp-isi-nexus.yaml "$work/graphs/"
(cd "$work" && exec "$bin" serve graphs/iskp-isi-nexus.yaml --port 0 2>"$work/log") &
pid=$!
trap 'kill -INT $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do grep -q 'http://' "$work/log" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$work/log")
shot() { chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$1" \
  --virtual-time-budget=2000 --screenshot="$PWD/$2" "$3" >/dev/null 2>&1; echo "saved $2"; }
shot 1000,1000 docs/serve.png "${url}?view=iskp-ties"
# A mistake saved: the page shows it in the diagram's place.
sed -i '0,/^    kind: group$/s//    kind: gruop/' "$work/graphs/iskp-isi-nexus.yaml"
shot 1000,150 docs/serve-error.png "${url}?view=iskp-ties"
