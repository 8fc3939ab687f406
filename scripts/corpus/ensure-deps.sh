#!/usr/bin/env bash
# Installs the Python packages of scripts/corpus/requirements.txt into the python3
# on PATH when they are missing or (pycountry) not the pinned version, from PyPI,
# the way scripts/ensure-deps.sh does for the test modules. Prints what it installs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
missing=()
python3 -c 'import networkx, sys; sys.exit(0 if int(networkx.__version__.split(".")[0]) >= 3 else 1)' >/dev/null 2>&1 \
  || missing+=("networkx>=3.0")
pinned="$(sed -n 's/^pycountry==//p' "$here/requirements.txt")"
python3 -c "from importlib.metadata import version; import sys; sys.exit(0 if version('pycountry') == '$pinned' else 1)" >/dev/null 2>&1 \
  || missing+=("pycountry==$pinned")
[[ ${#missing[@]} -eq 0 ]] && exit 0
echo "relgraph: installing Python modules ${missing[*]} (PyPI) for the corpus" >&2
pip=(python3 -m pip install --quiet --disable-pip-version-check)
"${pip[@]}" --root-user-action=ignore "${missing[@]}" >&2 \
  || "${pip[@]}" --user "${missing[@]}" >&2 \
  || { echo "relgraph: could not install ${missing[*]}; pip install -r scripts/corpus/requirements.txt" >&2; exit 1; }
