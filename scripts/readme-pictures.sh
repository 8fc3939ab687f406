#!/usr/bin/env bash
# The README's pictures of issue 22 (legible at the README's 880 px width):
#   docs/before-after.png  Davis's Southern Women (graphs/corpus) fitted to A4 by an
#                          earlier relgraph (BEFORE) and by this one, side by side
#   docs/atlas-page.png    page 3 of the atlas of 226 ATT&CK groups and the
#                          software they share (graphs/corpus)
# BEFORE is a relgraph binary built from an earlier commit, for instance a5d5b4f
# (relgraph 0.1.0, the corpus's baseline):
#   git worktree add /tmp/before a5d5b4f && (cd /tmp/before && swift build -c release)
#   scripts/readme-pictures.sh /tmp/before/.build/release/relgraph
# Needs rsvg-convert (librsvg2-bin, which `make test` installs).
set -euo pipefail
cd "$(dirname "$0")/.."
before="${1:?usage: scripts/readme-pictures.sh BEFORE_RELGRAPH [AFTER_RELGRAPH]}"
after="${2:-}"
if [[ -z "$after" ]]; then
  swift build ${RELEASE_FLAGS:-$(scripts/release-flags.sh)} --product relgraph >/dev/null
  after="$(swift build ${RELEASE_FLAGS:-$(scripts/release-flags.sh)} --show-bin-path)/relgraph"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
davis=graphs/corpus/davis-southern-women.yaml
"$before" render "$davis" -q -o "$work/before.svg"
"$after" render "$davis" -q -o "$work/after.svg"
"$after" measure "$work/before.svg" "$work/after.svg"
# Each drawing 430 px wide (the A4 text area's width), 20 px apart.
for side in before after; do rsvg-convert -w 430 "$work/$side.svg" -o "$work/$side.png"; done
height=$(python3 -c 'import struct,sys; print(max(struct.unpack(">I", open(f, "rb").read()[20:24])[0] for f in sys.argv[1:]))' \
  "$work/before.png" "$work/after.png")
cat > "$work/both.svg" <<SVG
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="880" height="$height">
<rect width="880" height="$height" fill="#ffffff"/>
<image x="0" y="0" width="430" height="$height" preserveAspectRatio="xMidYMin meet" xlink:href="before.png"/>
<image x="450" y="0" width="430" height="$height" preserveAspectRatio="xMidYMin meet" xlink:href="after.png"/>
</svg>
SVG
rsvg-convert "$work/both.svg" -o docs/before-after.png
"$after" render graphs/corpus/attack-groups-shared-software.yaml --atlas --out-dir "$work/atlas" -q
"$after" measure "$work/atlas/attack-groups-shared-software.atlas-p03.svg"
rsvg-convert -w 880 "$work/atlas/attack-groups-shared-software.atlas-p03.svg" -o docs/atlas-page.png
echo "wrote docs/before-after.png and docs/atlas-page.png"
