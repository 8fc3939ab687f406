#!/usr/bin/env bash
# The corpus baseline: validate, render (default options: A4 page fit) and measure
# every graphs/corpus/*.yaml and each of its named views, timing each render.
#   scripts/corpus/baseline.sh [RELGRAPH]     (default: .build/release/relgraph)
# Prints a Markdown table for graphs/corpus/README.md ("Baseline"), then the atlas
# table of docs/readability.md: every corpus network of more than 100 entities and
# generated networks of 90, 250 and 500 entities (`relgraph generate --seed 1`)
# drawn with --atlas, each page measured (ATLAS=0 skips it). SVGs go to
# $CORPUS_OUT (default: a temporary folder, removed after).
set -euo pipefail
cd "$(dirname "$0")/../.."
relgraph="${1:-.build/release/relgraph}"
[[ -x "$relgraph" ]] || { echo "corpus-baseline: no relgraph binary at $relgraph (make build, or pass one)" >&2; exit 1; }
out="${CORPUS_OUT:-}"
if [[ -z "$out" ]]; then out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT; fi
mkdir -p "$out"
timings="$out/timings.tsv"
: > "$timings"
for file in graphs/corpus/*.yaml; do
  stem="$(basename "$file" .yaml)"
  summary="$("$relgraph" validate "$file" 2>&1 | tail -n 1)"
  summary="${summary#"$file": }"
  start=$(date +%s.%N)
  "$relgraph" render "$file" -q -o "$out/$stem.svg"
  end=$(date +%s.%N)
  printf '%s\t%s\t%.2f\n' "$stem" "$summary" "$(echo "$end - $start" | bc)" >> "$timings"
  if grep -q '^views:' "$file"; then
    start=$(date +%s.%N)
    "$relgraph" render "$file" -q --all-views --out-dir "$out"
    end=$(date +%s.%N)
    for view in $(sed -n '/^views:/,/^[a-z]/s/^  \([a-z0-9_-]*\):.*/\1/p' "$file"); do
      printf '%s\t%s\t%.2f\n' "$stem.$view" "(view)" "$(echo "$end - $start" | bc)" >> "$timings"
    done
  fi
done
"$relgraph" measure "$out"/*.svg --format json > "$out/measure.json"
python3 - "$timings" "$out/measure.json" <<'PY'
import json, os, sys
timings = {}
for line in open(sys.argv[1], encoding="utf-8"):
    stem, summary, seconds = line.rstrip("\n").split("\t")
    timings[stem] = (summary, float(seconds))
reports = {os.path.basename(r["file"])[:-4]: r["report"] for r in json.load(open(sys.argv[2], encoding="utf-8"))}
print(f"Page: {next(iter(reports.values()))['page']}; screen column 880 px.\n")
print("| drawing | validate | render (s) | entities drawn | lines | crossings | shallow | parallel | misplaced ends "
      "| through entities | crowded gap | label overlaps | entity overlaps | aspect | smallest on page (pt) "
      "| median name on page (pt) | smallest on screen (px) |")
print("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
for stem in sorted(timings):
    summary, seconds = timings[stem]
    r = reports[stem]
    slow = " ⚠" if seconds > 10 else ""
    gap = r.get("crowdedGap")
    gap = f"{gap['lines']} in {gap['width']:.0f} pt" if gap else "–"
    print(f"| {stem} | {summary} | {seconds:.1f}{slow} | {r['entities']} | {r['edges']} | {r['crossings']} | "
          f"{r['shallowCrossings']} | {r['parallelLines']} | {r['misplacedEnds']} | {r['linesThroughEntities']} | {gap} | "
          f"{r['labelEntityOverlaps'] + r['labelLabelOverlaps']} | {r['entityOverlaps']} | "
          f"{r['aspectRatio']:.2f} | {r['smallestEntityTextOnPage']:.1f} | {r['medianNameOnPage']:.1f} | "
          f"{r['smallestEntityTextOnScreen']:.1f} |")
PY

if [[ "${ATLAS:-1}" == 0 ]]; then exit 0; fi
# The atlas: networks of more than 100 entities, and generated ones.
atlases=()
for file in graphs/corpus/*.yaml; do
  count="$("$relgraph" validate "$file" 2>&1 | tail -n 1 | sed -n 's/.*(\([0-9]*\) entities.*/\1/p')"
  if [[ -n "$count" && "$count" -gt 100 ]]; then atlases+=("$file"); fi
done
for n in 90 250 500; do
  "$relgraph" generate --entities "$n" --seed 1 -o "$out/generated-$n.yaml" -q
  atlases+=("$out/generated-$n.yaml")
done
: > "$out/atlas.tsv"
for file in "${atlases[@]}"; do
  stem="$(basename "$file" .yaml)"
  start=$(date +%s.%N)
  "$relgraph" render "$file" --atlas -q --out-dir "$out/atlas-$stem"
  end=$(date +%s.%N)
  "$relgraph" measure "$out/atlas-$stem"/*.svg --format json > "$out/atlas-$stem.json"
  printf '%s\t%s\t%.2f\n' "$stem" "$out/atlas-$stem.json" "$(echo "$end - $start" | bc)" >> "$out/atlas.tsv"
done
python3 - "$out/atlas.tsv" <<'PY'
import json, sys
print("\n| network (--atlas) | pages | smallest on any page (pt) | overview (pt) | misplaced ends | lines through entities "
      "| most shallow crossings a line, any page | label overlaps | time (s) |")
print("|---|--:|--:|--:|--:|--:|--:|--:|--:|")
for line in open(sys.argv[1], encoding="utf-8"):
    stem, path, seconds = line.rstrip("\n").split("\t")
    pages = [r["report"] for r in sorted(json.load(open(path, encoding="utf-8")), key=lambda r: r["file"])]
    print(f"| {stem} | {len(pages)} | {min(p['smallestEntityTextOnPage'] for p in pages):.1f} | "
          f"{pages[0]['smallestEntityTextOnPage']:.1f} | {sum(p['misplacedEnds'] for p in pages)} | "
          f"{sum(p['linesThroughEntities'] for p in pages)} | "
          f"{max(p['shallowCrossings'] / max(1, p['edges']) for p in pages):.2f} | "
          f"{sum(p['labelEntityOverlaps'] + p['labelLabelOverlaps'] for p in pages)} | {float(seconds):.1f} |")
PY
