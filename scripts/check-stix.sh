#!/usr/bin/env bash
# Validates relgraph's STIX export with OASIS's official validator (stix2-validator
# from PyPI), installing it with pip when it is missing.
#   scripts/check-stix.sh                  export and validate the flagship
#   scripts/check-stix.sh FILE...          networks (.yaml/.yml/.json: exported first)
#                                          or STIX bundles (*.stix.json, bundle*.json)
# Exits 0 when every bundle is valid (warnings allowed), 1 otherwise. The
# validator's warnings are summarised by code; see docs/interop.md for why the
# expected ones (103 UUIDv5 ids, 202 custom relationship types, 223 regions
# outside the vocabulary, 302 URLs without hashes) are there.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! python3 -c "import stix2validator" 2>/dev/null; then
  echo "check-stix: installing stix2-validator from PyPI" >&2
  python3 -m pip install --quiet stix2-validator >&2 || {
    echo "check-stix: cannot install stix2-validator (pip install stix2-validator)" >&2
    exit 1
  }
fi

# Build (incrementally) so the export comes from the sources in this tree.
swift build --product relgraph >/dev/null || { echo "check-stix: swift build failed" >&2; exit 1; }
relgraph=$(swift build --show-bin-path)/relgraph

files=("$@")
[[ ${#files[@]} -eq 0 ]] && files=(graphs/iskp-isi-nexus.yaml)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for file in "${files[@]}"; do
  bundle=$file
  case $file in
    *.stix.json|bundle*.json) ;;
    *)
      bundle="$work/$(basename "${file%.*}").stix.json"
      "$relgraph" export stix -q "$file" -o "$bundle"
      ;;
  esac
  report="$work/report.txt"
  if python3 -c "from stix2validator.scripts.stix2_validator import main; main()" --version 2.1 "$bundle" >"$report" 2>&1; then
    verdict=valid
  else
    verdict=INVALID
    status=1
  fi
  objects=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['objects']))" "$bundle")
  warnings=$(grep -o '{[0-9]*}' "$report" | sort | uniq -c | awk '{printf "%s%s x%s", sep, $2, $1; sep=", "}')
  echo "$file: $verdict STIX 2.1 ($objects objects; warnings: ${warnings:-none})"
  if [[ $verdict == INVALID ]]; then
    grep -v 'Warning' "$report" >&2 || true
  fi
done
exit $status
