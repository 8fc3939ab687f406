#!/usr/bin/env bash
# The readability table of issue 11 (docs/readability.md): renders the flagship,
# each of its named views, generated networks (30 and 100 entities) and a hub
# network (one group with 50 leaf neighbours, focus view) into a temporary folder,
# plus the flagship laid out by every Graphviz engine (relgraph --engine, and the
# Graphviz CLI's `dot -Tsvg` on relgraph's DOT), and measures each SVG with
# `relgraph measure` (crossings, parallel lines, overlaps, aspect, text size on a
# 16 x 24 cm page and an 880 px screen).
#   usage: scripts/readability.sh [--page SIZE] [--record NAME]
#     --page SIZE    the page to fit to (a4, letter, WxH cm|in|pt; default a4)
#     --record NAME  also write the table into docs/readability.md under the
#                    heading "NAME" (replacing an earlier table of that name;
#                    other sections are kept). `make readability RECORD=after`.
set -euo pipefail
cd "$(dirname "$0")/.."
page=a4
record=
while [[ $# -gt 0 ]]; do
  case "$1" in
    --page) page="$2"; shift 2 ;;
    --record) record="$2"; shift 2 ;;
    *) echo "readability: unknown argument '$1' (use --page SIZE, --record NAME)" >&2; exit 64 ;;
  esac
done

swift build ${RELEASE_FLAGS:-$(scripts/release-flags.sh)} --product relgraph >/dev/null
bin="$(swift build ${RELEASE_FLAGS:-$(scripts/release-flags.sh)} --show-bin-path)/relgraph"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
flagship=graphs/iskp-isi-nexus.yaml
hub=Tests/RelGraphvizTests/Fixtures/hub-50.yaml

# relgraph's own drawings.
"$bin" render "$flagship" -o "$work/flagship.svg" -q
"$bin" render "$flagship" --all-views --out-dir "$work/views" -q
views=()
for svg in "$work"/views/*.svg; do
  name="view-$(basename "$svg")"
  mv "$svg" "$work/$name"
  views+=("$work/$name")
done
"$bin" generate --entities 30 --seed 1 -o "$work/generated-30.yaml" -q
"$bin" generate --entities 100 --seed 1 -o "$work/generated-100.yaml" -q
"$bin" render "$work/generated-30.yaml" -o "$work/generated-30.svg" -q
"$bin" render "$work/generated-100.yaml" -o "$work/generated-100.svg" -q
"$bin" render "$hub" --focus hub-group -o "$work/hub-50-focus.svg" -q

# The flagship through each engine: relgraph's SVG, and the Graphviz CLI on relgraph's DOT.
engines=()
for engine in neato fdp sfdp twopi circo; do
  "$bin" render "$flagship" --engine "$engine" -o "$work/engine-$engine.svg" -q
  engines+=("$work/engine-$engine.svg")
done
"$bin" render "$flagship" --format dot -o "$work/flagship.dot" -q
clis=()
if command -v dot >/dev/null 2>&1; then
  for engine in dot neato fdp sfdp twopi circo; do
    "$engine" -Tsvg "$work/flagship.dot" -o "$work/graphviz-cli-$engine.svg" 2>/dev/null
    clis+=("$work/graphviz-cli-$engine.svg")
  done
fi

table="$("$bin" measure --page "$page" "$work/flagship.svg" "${views[@]}" "$work/generated-30.svg" \
  "$work/generated-100.svg" "$work/hub-50-focus.svg" "${engines[@]}" "${clis[@]}" | sed "s|$work/||g; s|\.svg | |")"
echo "$table"

if [[ -n "$record" ]]; then
  doc=docs/readability.md
  quoted="$record"
  [[ "$record" =~ [^A-Za-z0-9._-] ]] && quoted="\"$record\""
  command="make readability RECORD=$quoted"
  [[ "$page" != a4 ]] && command="scripts/readability.sh --page $page --record $quoted"
  section="$(printf '<!-- readability:%s -->\n## %s\n\n%s, relgraph %s, Graphviz %s, %s:\n\n%s\n<!-- /readability:%s -->' \
    "$record" "$record" "\`$command\`" "$("$bin" --version)" "$(dot -V 2>&1 | sed 's/.*version \([^ ]*\).*/\1/')" \
    "$(date -u +%Y-%m-%d)" "$table" "$record")"
  python3 - "$doc" "$record" "$section" <<'PY'
import re, sys
path, name, section = sys.argv[1:4]
text = open(path, encoding="utf-8").read()
pattern = re.compile(r"<!-- readability:%s -->.*?<!-- /readability:%s -->" % (re.escape(name), re.escape(name)), re.S)
text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
tmp = path + ".tmp"
open(tmp, "w", encoding="utf-8").write(text)
import os; os.replace(tmp, path)
PY
  echo "readability: recorded the table as \"$record\" in $doc" >&2
fi
