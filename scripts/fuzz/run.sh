#!/usr/bin/env bash
# relgraph's fuzzers (docs/reliability.md): `make fuzz` or
#   scripts/fuzz/run.sh [SECONDS] [TARGET...]     default 600 s each; targets FuzzLoad FuzzDOT
# Builds each libFuzzer target with -sanitize=fuzzer,address into .build-fuzz/, seeds
# its corpus (.build-fuzz/corpus/TARGET) from the flagship, the test fixtures and
# ../shared/data/dot, and runs it. Crashes are written to .build-fuzz/crashes/TARGET/;
# each one found becomes a regression test. Exit status: non-zero if a target crashed.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SECONDS_EACH=${1:-600}
shift || true
TARGETS=("$@")
[[ ${#TARGETS[@]} -gt 0 ]] || TARGETS=(FuzzLoad FuzzDOT)
export SWIFT_BACKTRACE=enable=no   # Swift's backtracer would hold the output pipe open on a crash

scripts/ensure-deps.sh
status=0
for target in "${TARGETS[@]}"; do
  echo "fuzz: building $target" >&2
  swift build -c release --scratch-path .build-fuzz --product "$target" --sanitize=address \
    -Xswiftc -DRELGRAPH_FUZZ -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library \
    -Xcc -fsanitize=fuzzer-no-link 2>&1 | grep -vE "Cannot export local symbol|^\[" | tail -3 >&2
  binary=.build-fuzz/release/$target
  corpus=.build-fuzz/corpus/$target
  crashes=.build-fuzz/crashes/$target
  mkdir -p "$corpus" "$crashes"
  case $target in
    FuzzLoad)
      # The first byte picks the format: 0 JSON, 1 YAML, 2 sniffed.
      for f in graphs/*.yaml; do { printf '\001'; cat "$f"; } > "$corpus/seed-$(basename "$f")"; done
      for f in .build-bench/data/n100.json; do [[ -f $f ]] && { printf '\000'; cat "$f"; } > "$corpus/seed-n100.json"; done
      .build/release/relgraph generate --entities 20 --seed 3 -o - 2>/dev/null | { printf '\000'; cat; } > "$corpus/seed-gen20.json" || true
      dict=()
      ;;
    FuzzDOT)
      for f in ../shared/data/dot/*.gv Tests/RelGraphvizTests/Golden/*.dot; do [[ -f $f ]] && cp "$f" "$corpus/seed-$(basename "$f")"; done
      dict=()
      ;;
  esac
  echo "fuzz: running $target for $SECONDS_EACH s (corpus $corpus)" >&2
  # Leaks are not failures here (Graphviz 2.42 keeps some allocations on error
  # paths); memory is checked by the stress tests and valgrind instead.
  if ! "$binary" "$corpus" -max_total_time="$SECONDS_EACH" -max_len=65536 -timeout=20 -rss_limit_mb=4096 \
        -detect_leaks=0 -print_final_stats=1 -artifact_prefix="$crashes/" > ".build-fuzz/$target.log" 2>&1; then
    echo "fuzz: $target CRASHED: see .build-fuzz/$target.log and $crashes/" >&2
    status=1
  fi
  grep -E "^#[0-9]+.*(DONE|pulse)|stat::number_of_executed_units|stat::peak_rss_mb|cov:" ".build-fuzz/$target.log" | tail -3 >&2 || true
done
exit $status
