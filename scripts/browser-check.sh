#!/usr/bin/env bash
# Proves relgraph's SVG in a real browser: builds an HTML report page that inlines
# the flagship twice (different id prefixes, light and auto theme) and once as
# <img>, loads it in headless Chromium (Debian's `chromium`), and checks that
#   - no id appears twice in the page and every internal reference resolves;
#   - no console error is logged;
#   - no script from an SVG runs (the page's own checker is the only script);
# then saves screenshots (light and dark) to docs/.
#   usage: scripts/browser-check.sh            (installs chromium when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  echo "browser-check: installing chromium (Debian package)" >&2
  sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq chromium >/dev/null
fi
scripts/ensure-deps.sh
swift build ${RELEASE_FLAGS:-$(scripts/release-flags.sh)} --product relgraph >/dev/null
# `relgraph serve` hands over to relgraph-serve, built beside it.
swift build ${RELEASE_FLAGS:-$(scripts/release-flags.sh)} --product relgraph-serve >/dev/null
bin="$(swift build ${RELEASE_FLAGS:-$(scripts/release-flags.sh)} --show-bin-path)/relgraph"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
flagship=graphs/iskp-isi-nexus.yaml
hostile=Tests/RelGraphvizTests/Fixtures/hostile.yaml

"$bin" render "$flagship" --svg-mode inline --id-prefix report-a --responsive -o "$work/a.svg" -q
"$bin" render "$flagship" --view iskp-ties --svg-mode inline --id-prefix report-b --theme auto --responsive -o "$work/b.svg" -q
"$bin" render "$hostile" --svg-mode inline --id-prefix hostile-1 -o "$work/h1.svg" -q
"$bin" render "$hostile" --svg-mode inline --id-prefix hostile-2 --theme auto -o "$work/h2.svg" -q
"$bin" render "$flagship" -o "$work/flagship.svg" -q

python3 - "$work" <<'PY'
import sys, pathlib
work = pathlib.Path(sys.argv[1])
read = lambda n: (work / n).read_text(encoding="utf-8")
page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>relgraph embedding check</title>
<style>
  body {{ font-family: 'DejaVu Sans', sans-serif; margin: 24px; max-width: 1200px; }}
  @media (prefers-color-scheme: dark) {{ body {{ background: #0d1117; color: #e6edf3; }} }}
  figure {{ margin: 0 0 32px 0; }} figcaption {{ font-size: 14px; color: #57606a; }}
  svg.relgraph, img {{ width: 100%; height: auto; border: 1px solid #d0d7de; }}
</style></head><body>
<h1>Report with three relgraph diagrams</h1>
<figure>{read('a.svg')}<figcaption>Figure 1 — inline SVG, light theme, prefix report-a.</figcaption></figure>
<figure>{read('b.svg')}<figcaption>Figure 2 — inline SVG, view iskp-ties, theme auto (follows the page), prefix report-b.</figcaption></figure>
<figure><img src="flagship.svg" alt="The ISKP–ISI nexus (as an image)"><figcaption>Figure 3 — the same file as &lt;img&gt;.</figcaption></figure>
<h2>Hostile data, twice</h2>
<figure>{read('h1.svg')}</figure>
<figure>{read('h2.svg')}</figure>
<pre id="result">not run</pre>
<script>
  // The page's own checker: the only script on the page.
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
  const dups = ids.filter((id, i) => ids.indexOf(id) !== i);
  const refs = [...document.querySelectorAll('*')].flatMap(e => [...e.attributes])
      .map(a => a.value).flatMap(v => [...v.matchAll(/(?:^#|url\\(#)([^)]+)/g)].map(m => m[1]))
      .filter(r => !r.match(/^[0-9a-fA-F]{{3,6}}$/));
  const missing = refs.filter(r => !document.getElementById(r));
  const scripts = document.querySelectorAll('svg script, svg foreignObject').length;
  const handlers = [...document.querySelectorAll('svg *')].flatMap(e => [...e.attributes]).filter(a => a.name.startsWith('on')).length;
  document.getElementById('result').textContent =
    `ids=${{ids.length}} duplicates=${{dups.length}} missing-refs=${{missing.length}} svg-scripts=${{scripts}} handlers=${{handlers}} svgs=${{document.querySelectorAll('svg.relgraph').length}}`;
  window.alertCalled = false; window.alert = () => {{ document.title = 'ALERT'; }};
</script>
</body></html>"""
(work / "report.html").write_text(page, encoding="utf-8")
PY

flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --allow-file-access-from-files)
dom=$(chromium "${flags[@]}" --virtual-time-budget=3000 --dump-dom "file://$work/report.html" 2>/dev/null)
result=$(printf '%s' "$dom" | grep -o 'ids=[^<]*' | head -1)
logs=$(chromium "${flags[@]}" --enable-logging=stderr --v=0 --virtual-time-budget=3000 --dump-dom "file://$work/report.html" 2>&1 >/dev/null || true)
console_errors=$(printf '%s\n' "$logs" | grep -E 'CONSOLE|Uncaught' | grep -v ':INFO:' || true)
echo "browser-check: $result"
mkdir -p docs
chromium "${flags[@]}" --window-size=1280,3000 --screenshot="$PWD/docs/embed-light.png" "file://$work/report.html" >/dev/null 2>&1
chromium "${flags[@]}" --force-dark-mode --blink-settings=preferredColorScheme=0 --window-size=1280,3000 \
  --screenshot="$PWD/docs/embed-dark.png" "file://$work/report.html" >/dev/null 2>&1
cp "$work/report.html" docs/embed-example.html.txt 2>/dev/null || true
rm -f docs/embed-example.html.txt

fail=0
[[ "$result" == *"duplicates=0 missing-refs=0 svg-scripts=0 handlers=0 svgs=4"* ]] || { echo "browser-check: FAILED: $result" >&2; fail=1; }
if [[ -n "$console_errors" ]]; then echo "browser-check: console errors:" >&2; echo "$console_errors" >&2; fail=1; fi
printf '%s' "$dom" | grep -q '<title>ALERT</title>' && { echo "browser-check: an alert ran" >&2; fail=1; }
[[ $fail -eq 0 ]] && echo "browser-check: ok (screenshots: docs/embed-light.png, docs/embed-dark.png)"
exit $fail
