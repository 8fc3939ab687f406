#!/usr/bin/env bash
# Installs the Debian packages relgraph needs, when they are missing.
#   scripts/ensure-deps.sh          libgraphviz-dev, libxml2-dev, libyaml-dev, libcurl4-openssl-dev (to build and run relgraph)
#   scripts/ensure-deps.sh --test   plus what the tests use: the dot CLI (as a
#                                   reference), rsvg-convert, xmllint, DejaVu fonts,
#                                   xz (to unpack the Graphviz 14 the suite also runs against),
#                                   Debian's pandoc (2.17) and, from PyPI, pandoc 3 (pypandoc-binary),
#                                   MkDocs and MkDocs Material: the report toolchains the
#                                   integrations are tested with (docs/embedding.md),
#                                   qpdf and poppler's pdfinfo/pdftotext/pdftoppm (to check joined PDFs)
# Uses apt-get as root, sudo otherwise. Prints what it installs; exits non-zero
# with a clear message when it cannot.
set -euo pipefail

need=()
python_modules=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

want=(libgraphviz-dev libxml2-dev libyaml-dev pkg-config libcurl4-openssl-dev)
if [[ "${1:-}" == "--test" ]]; then
  want+=(graphviz librsvg2-bin libxml2-utils fonts-dejavu-core xz-utils pandoc qpdf poppler-utils)
  # MODULE or MODULE:PACKAGE when PyPI names it otherwise; wheel builds the MkDocs
  # plugin from integrations/mkdocs without fetching build tools.
  python_modules=(html5lib jsonschema networkx yaml:PyYAML stix2validator:stix2-validator pypandoc:pypandoc-binary mkdocs material:mkdocs-material wheel)
fi
for p in "${want[@]}"; do
  have_pkg "$p" || need+=("$p")
done

# Python modules the tests use as independent checkers (an HTML5 parser, a JSON
# Schema validator, a GraphML reader) and the report toolchains (pandoc, MkDocs),
# installed from PyPI into the python3 on PATH.
install_python_modules() {
  local missing=()
  for m in "${python_modules[@]:-}"; do
    [[ -n "$m" ]] || continue
    python3 -c "import ${m%%:*}" >/dev/null 2>&1 || missing+=("${m#*:}")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  echo "relgraph: installing Python modules ${missing[*]} (PyPI)" >&2
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore "${missing[@]}" >&2 \
    || python3 -m pip install --quiet --disable-pip-version-check --user "${missing[@]}" >&2 \
    || echo "relgraph: could not install ${missing[*]}; the tests that use them will say so" >&2
}
trap install_python_modules EXIT
[[ ${#need[@]} -eq 0 ]] && exit 0

echo "relgraph: installing ${need[*]} (Debian packages)" >&2
if [[ $(id -u) -eq 0 ]]; then
  run=()
elif command -v sudo >/dev/null 2>&1; then
  run=(sudo)
else
  echo "relgraph: need ${need[*]}, but this is not root and sudo is missing; install them and retry" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! "${run[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1; then
  "${run[@]}" apt-get update -qq >/dev/null
  "${run[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
pkg-config --exists libgvc || { echo "relgraph: libgraphviz-dev installed but pkg-config cannot find libgvc" >&2; exit 1; }
pkg-config --exists yaml-0.1 || { echo "relgraph: libyaml-dev installed but pkg-config cannot find yaml-0.1" >&2; exit 1; }
