#!/usr/bin/env bash
# relgraph's benchmark: `make bench`. See docs/benchmarks.md.
#   scripts/bench/run.sh            build, set up, measure, write docs/benchmarks.{md,svg}
#   scripts/bench/run.sh --report   only rewrite the docs from .build-bench/results.json
# Environment: BENCH_SIZES ("100 1000 10000 100000"), BENCH_TIMEOUT (300 s per run),
# BENCH_RUNS (5), BENCH_QUICK (15 s: slower commands are run once).
# Everything it installs or writes, except the two docs, stays in .build-bench/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BENCH=$ROOT/.build-bench

if [[ "${1:-}" != "--report" ]]; then
  scripts/ensure-deps.sh --test
  need=()
  command -v hyperfine >/dev/null || need+=(hyperfine)
  [[ -x /usr/bin/time ]] || need+=(time)
  python3 -c 'import venv' 2>/dev/null || need+=(python3-venv)
  if [[ ${#need[@]} -gt 0 ]]; then
    echo "bench: installing ${need[*]}" >&2
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; }
  fi

  echo "bench: building relgraph (release)" >&2
  swift build ${RELEASE_FLAGS:-$(scripts/release-flags.sh)} --product relgraph 2>&1 | tail -1 >&2

  # The Python peers, from PyPI, in a venv of their own.
  if [[ ! -x $BENCH/venv/bin/python ]]; then
    python3 -m venv "$BENCH/venv"
  fi
  "$BENCH/venv/bin/python" -c 'import graphviz, pygraphviz, yaml' 2>/dev/null \
    || "$BENCH/venv/bin/pip" install -q graphviz pygraphviz pyyaml

  # Inputs: the flagship as JSON (the peers read JSON), and generated networks.
  mkdir -p "$BENCH/data"
  "$BENCH/venv/bin/python" -c 'import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1], encoding="utf-8")), open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=1, default=str)' \
    graphs/iskp-isi-nexus.yaml "$BENCH/data/flagship.json"
  .build/release/relgraph validate -q "$BENCH/data/flagship.json"
  for n in ${BENCH_SIZES:-100 1000 10000 100000}; do
    f=$BENCH/data/n$n.json
    [[ -s $f ]] || .build/release/relgraph generate --entities "$n" --relations $((3 * n)) --seed 1 -o "$f" -q
  done

  "$BENCH/venv/bin/python" scripts/bench/bench.py
fi
python3 scripts/bench/report.py "$BENCH/results.json" docs/benchmarks.md docs/benchmarks.svg
