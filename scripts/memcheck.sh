#!/usr/bin/env bash
# valgrind memcheck of one `relgraph render` of the flagship, with the definitely
# lost blocks grouped by the library that allocated them.
# valgrind 3.19 cannot read the DWARF 5 debug info Swift 6.3 writes, so the binary
# is built without debug info (-gnone) into .build-vg and stripped.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "memcheck: install valgrind (apt-get install valgrind)" >&2; exit 1; }
scripts/ensure-deps.sh
swift build -c release --product relgraph --scratch-path .build-vg -Xswiftc -gnone -Xcc -g0 >/dev/null
strip -o .build-vg/relgraph-stripped .build-vg/release/relgraph
log=.build-vg/memcheck.log
valgrind --leak-check=full --num-callers=30 .build-vg/relgraph-stripped \
  render graphs/iskp-isi-nexus.yaml -o .build-vg/memcheck.svg -q >"$log" 2>&1
grep -E "definitely lost:|indirectly lost:|possibly lost:|still reachable:|ERROR SUMMARY" "$log" | sed 's/^==[0-9]*== *//'
python3 - "$log" <<'PY'
import re, sys, collections
log = open(sys.argv[1]).read()
records = re.findall(r'(==\d+== [\d,]+ (?:\([^)]*\) )?bytes in [\d,]+ blocks are definitely lost.*?)(?:\n==\d+== \n)', log, re.S)
by_owner = collections.Counter(); count = collections.Counter()
for r in records:
    lines = r.split('\n')
    size = int(re.search(r'== ([\d,]+) ', lines[0]).group(1).replace(',', ''))
    owner = '?'
    for f in lines[1:]:
        if 'vgpreload' in f or ('by 0x' not in f and 'at 0x' not in f): continue
        m = re.search(r'\(in (.*?)\)', f)
        owner = 'relgraph (Swift)' if ('swift_' in f and 'alloc' in f.lower()) else (m.group(1).split('/')[-1] if m else f.strip())
        break
    by_owner[owner] += size; count[owner] += 1
print("definitely lost, by the library whose code allocated the block:")
for owner, size in by_owner.most_common():
    print(f"  {owner:34} {count[owner]:3} records {size:8} bytes (direct + indirect)")
ours = [o for o in by_owner if 'relgraph' in o]
print("relgraph's own code: " + ("LEAKS in " + ", ".join(ours) if ours else "nothing definitely lost"))
sys.exit(1 if ours else 0)
PY
