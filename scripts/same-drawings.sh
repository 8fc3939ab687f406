#!/usr/bin/env bash
# Renders the same set of drawings with two relgraph binaries and compares them
# byte for byte: the check for refactors that must not change any drawing
# (issue 27). Usage: scripts/same-drawings.sh OLD_RELGRAPH NEW_RELGRAPH [OUT_DIR]
# Covers: the flagship in every format, every view, a timeline, a report, a diff
# drawing, the 50-tool hub fixture, generated networks of 90 and 250 entities, an
# atlas, and the corpus networks under graphs/corpus (when present).
set -euo pipefail
old=$1 new=$2 out=${3:-$(mktemp -d)}
root=$(cd "$(dirname "$0")/.." && pwd)
flagship=$root/graphs/iskp-isi-nexus.yaml
run() {  # run SIDE BINARY
  local side=$1 bin=$2 d=$out/$1
  rm -rf "$d"; mkdir -p "$d"
  cd "$root"
  "$bin" render "$flagship" --format svg,dot,png,pdf --out-dir "$d/flagship" >/dev/null 2>&1
  "$bin" render "$flagship" --all-views --out-dir "$d/views" >/dev/null 2>&1
  "$bin" timeline "$flagship" --out-dir "$d/timeline" >/dev/null 2>&1
  "$bin" report "$flagship" -o "$d/report.html" >/dev/null 2>&1
  "$bin" render Tests/RelGraphvizTests/Fixtures/hub-50.yaml -o "$d/hub-50.svg" >/dev/null 2>&1
  for n in 90 250; do
    "$bin" generate --entities $n --seed 7 -o "$d/gen-$n.yaml" >/dev/null 2>&1
    "$bin" render "$d/gen-$n.yaml" -o "$d/gen-$n.svg" >/dev/null 2>&1
  done
  "$bin" render "$d/gen-250.yaml" --atlas --out-dir "$d/atlas" >/dev/null 2>&1 || true
  "$bin" diff "$flagship" "$out/edited.yaml" -o "$d/diff.svg" >/dev/null 2>&1 || true
  if [ -d graphs/corpus ]; then
    for f in graphs/corpus/*.yaml; do "$bin" render "$f" -o "$d/corpus-$(basename "$f" .yaml).svg" >/dev/null 2>&1 || true; done
  fi
  rm -f "$d/gen-90.yaml" "$d/gen-250.yaml"
}
mkdir -p "$out"
sed 's/confidence: alleged/confidence: reported/' "$flagship" > "$out/edited.yaml"
run old "$old"
run new "$new"
count=$(cd "$out/old" && find . -type f | wc -l)
if diff -r "$out/old" "$out/new" >/dev/null; then
  echo "same: $count files byte-identical ($out)"
else
  echo "DIFFERENT ($out):"; diff -rq "$out/old" "$out/new" | head -20; exit 1
fi
