#!/usr/bin/env bash
# The pictures of docs/embedding.md: builds docs/examples/report.md with pandoc and
# the filter (_extensions/relgraph/relgraph.lua), and docs/examples/mkdocs/ with
# MkDocs Material and the plugin (integrations/mkdocs, pip-installed into a
# temporary folder), both drawing the flagship from graphs/; then takes headless
# Chromium screenshots 880 px wide:
#   docs/embed-pandoc.png        the pandoc page
#   docs/embed-mkdocs-light.png  the MkDocs page, palette "default"
#   docs/embed-mkdocs-dark.png   the same page, palette "slate" (the diagrams follow it)
# Prints how long each build took.
#   usage: scripts/embedding-screenshots.sh   (needs chromium, pandoc, mkdocs-material: `make test` installs the last two)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
swift build ${RELEASE_FLAGS:-$(scripts/release-flags.sh)} --product relgraph >/dev/null
export RELGRAPH="$(swift build ${RELEASE_FLAGS:-$(scripts/release-flags.sh)} --show-bin-path)/relgraph"
export NO_MKDOCS_2_WARNING=1 LC_ALL=C.UTF-8
pandoc="$(python3 -c 'import pypandoc; print(pypandoc.get_pandoc_path())' 2>/dev/null || command -v pandoc)"
chromium="$(command -v chromium || command -v chromium-browser)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

shot() {  # URL OUT HEIGHT
  "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --user-data-dir="$work/profile" --window-size=880,"$3" --screenshot="$2" "$1" >/dev/null 2>&1
  echo "wrote $2"
}
seconds() { python3 -c 'import sys, time; print(f"{time.time() - float(sys.argv[1]):.2f} s")' "$1"; }

mkdir -p "$work/pandoc"
cp docs/examples/report.md graphs/iskp-isi-nexus.yaml "$work/pandoc/"
start=$(python3 -c 'import time; print(time.time())')
(cd "$work/pandoc" && "$pandoc" report.md -s --lua-filter "$root/_extensions/relgraph/relgraph.lua" -o report.html)
echo "pandoc $("$pandoc" --version | head -1 | cut -d' ' -f2): report.md with 2 diagrams to HTML in $(seconds "$start")"
shot "file://$work/pandoc/report.html" docs/embed-pandoc.png 1400

python3 -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation \
  --target "$work/site-packages" "$(cp -r integrations/mkdocs "$work/plugin" && echo "$work/plugin")" 2>/dev/null
cp -r docs/examples/mkdocs "$work/site"
cp graphs/iskp-isi-nexus.yaml "$work/site/docs/"
start=$(python3 -c 'import time; print(time.time())')
(cd "$work/site" && PYTHONPATH="$work/site-packages" python3 -m mkdocs build --quiet)
echo "mkdocs $(python3 -c 'import mkdocs; print(mkdocs.__version__)'): a page with 2 diagrams in $(seconds "$start")"
shot "file://$work/site/site/index.html" docs/embed-mkdocs-light.png 1450
sed -i 's/data-md-color-scheme="default"/data-md-color-scheme="slate"/' "$work/site/site/index.html"
shot "file://$work/site/site/index.html" docs/embed-mkdocs-dark.png 1450
