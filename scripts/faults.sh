#!/usr/bin/env bash
# The fault battery of issue 28 (docs/reliability.md, "Fault battery"): small
# cases of disks that are full or read-only, ulimit -f, signals mid-write,
# hostile manifests, symbolic links, FIFOs, bombs, hostile DOT, STIX and CSV,
# git revisions and the preview server. Each case replays one fault and checks
# that nothing is lost, nothing is written outside what the user named, nothing
# hangs, and the message is clear.
#
#   scripts/faults.sh [PATTERN]          every case whose name matches PATTERN (grep -E)
#   RELGRAPH=path scripts/faults.sh      another binary (default .build/debug/relgraph)
#   FAULTS_SLOW=1 scripts/faults.sh      also the slow cases (a 48 MB manifest, 100,000 STIX objects)
#
# A case that needs what this machine does not offer (root to mount a small
# file system, a second user) is skipped with the reason, and counted apart.
# Exit status: 0 when no case failed.
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
RELGRAPH=${RELGRAPH:-$ROOT/.build/debug/relgraph}
[ -x "$RELGRAPH" ] || { echo "faults.sh: no relgraph at $RELGRAPH (run swift build)" >&2; exit 2; }
RELGRAPH=$(cd "$(dirname "$RELGRAPH")" && pwd)/$(basename "$RELGRAPH")
export SWIFT_BACKTRACE=enable=no
PATTERN=${1:-}
WORK=$(mktemp -d /tmp/relgraph-faults.XXXXXX)
chmod 755 "$WORK"  # the cases run as nobody (as_user) must reach their folders
unmount_all() { [ -f "$WORK/.mounts" ] && tac "$WORK/.mounts" | while read -r m; do umount "$m" 2>/dev/null; done; rm -f "$WORK/.mounts"; }
cleanup() {
    unmount_all
    chmod -R u+rwX "$WORK" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

# The README's small example, as every case's s.yaml.
awk '/^### A complete small example/{f=1} f&&/^```yaml/{g=1;next} g&&/^```/{exit} g{print}' README.md > "$WORK/s.yaml"

passed=0 failed=0 skipped=0 total=0
FAILED_CASES=()

# r ARGS...: runs relgraph ($LIMIT s at most, default 60: a hang fails the case),
# output in $OUT/$ERR, status in $ST.
r() {
    timeout "${LIMIT:-60}" "$RELGRAPH" "$@" >"$D/.out" 2>"$D/.err"
    ST=$?
    OUT=$(cat "$D/.out"); ERR=$(cat "$D/.err")
}
# Each case runs in a subshell of its own: fail and skip end it.
fail() { echo "    $*"; exit 1; }
skip() { echo "    skipped: $*"; exit 77; }
want_status() { [ "$ST" = "$1" ] || fail "exit $ST, want $1: ${ERR:-}${OUT:-}"; }
# The message is on standard error (validate prints its report on standard output).
want_err() { grep -qF -- "$1" <<<"${ERR:-}${OUT:-}" || fail "the output lacks '$1': ${ERR:-}${OUT:-}"; }
same() { cmp -s "$1" "$2" || fail "$1 changed"; }
no_temporary_files() { local t; t=$(find "$1" -name '.*.tmp-*' 2>/dev/null); [ -z "$t" ] || fail "temporary files left: $t"; }
is_root() { [ "$(id -u)" = 0 ]; }
# A tmpfs of SIZE at DIR (root only); returns 77 when it cannot be mounted.
small_disk() {
    is_root || return 77
    mkdir -p "$2" && mount -t tmpfs -o size="$1" tmpfs "$2" 2>/dev/null || return 77
    echo "$PWD/$2" >> "$WORK/.mounts"
}
# relgraph as nobody (root ignores permission bits).
as_user() { if is_root; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi; }
big_network() { [ -f "$WORK/big.json" ] || "$RELGRAPH" generate --entities 3000 --seed 2 -o "$WORK/big.json" -q; cp "$WORK/big.json" "$1"; }
# Starts relgraph in the background (job control on, so SIGINT is not ignored) and
# waits until a temporary file shows up in FOLDER; PID in $PID.
start_writing() {
    local folder=$1; shift
    set -m
    "$RELGRAPH" "$@" >/dev/null 2>&1 &
    PID=$!
    set +m
    for _ in $(seq 1 3000); do
        find "$folder" -name '.*.tmp-*' 2>/dev/null | grep -q . && return 0
        kill -0 "$PID" 2>/dev/null || return 1
        sleep 0.01
    done
    return 1
}

run_case() {
    local name=$1
    [ -n "$PATTERN" ] && ! grep -qE -- "$PATTERN" <<<"$name" && return
    total=$((total + 1))
    D="$WORK/$name"; mkdir -p "$D"; cp "$WORK/s.yaml" "$D/s.yaml"
    local started=$SECONDS output status
    output=$( cd "$D" && "$name" 2>&1 ); status=$?
    unmount_all
    local took=$((SECONDS - started))
    case $status in
        0) passed=$((passed + 1)); printf 'ok    %-44s %3ss\n' "$name" "$took" ;;
        77) skipped=$((skipped + 1)); printf 'skip  %-44s\n%s\n' "$name" "$output" ;;
        *) failed=$((failed + 1)); FAILED_CASES+=("$name"); printf 'FAIL  %-44s %3ss\n%s\n' "$name" "$took" "$output" ;;
    esac
}

# ---------------------------------------------------------------- disks and limits
disk_readonly_folder() {
    mkdir out && echo old > out/s.svg && chmod 555 out
    as_user timeout 60 "$RELGRAPH" render s.yaml -o out/s.svg >/dev/null 2>.err; ST=$?; ERR=$(cat .err)
    want_status 73 && want_err "cannot write out/s.svg: permission denied" && [ "$(cat out/s.svg)" = old ] || fail "old file lost"
}
disk_readonly_filesystem() {
    small_disk 1m ro || skip "needs root to mount a tmpfs"
    echo old > ro/s.svg && mount -o remount,ro "$D/ro" || skip "cannot remount read-only"
    r render s.yaml -o ro/s.svg
    want_status 73 && want_err "read-only" && [ "$(cat ro/s.svg)" = old ] || fail "old file lost"
}
disk_full() {
    small_disk 256k full || skip "needs root to mount a small tmpfs"
    big_network big.json; echo old > full/big.dot
    r render big.json --format dot -o full/big.dot
    want_status 73 && want_err "no space left" && [ "$(cat full/big.dot)" = old ] && no_temporary_files full
}
disk_ulimit_file_size() {
    echo old > s.png
    (ulimit -f 4; timeout 60 "$RELGRAPH" render s.yaml -o s.png >/dev/null 2>.err); ST=$?; ERR=$(cat .err)
    want_status 73 && want_err "file too large" && [ "$(cat s.png)" = old ] && no_temporary_files .
}
disk_ulimit_standard_output() {
    (ulimit -f 4; timeout 60 "$RELGRAPH" render s.yaml --format png -o - > s.png 2>.err); ST=$?; ERR=$(cat .err)
    want_status 73 && want_err "cannot write standard output: file too large"
}
disk_multi_format_all_or_nothing() {
    for f in svg dot png pdf; do echo old > "multi.$f"; done
    (ulimit -f 30; timeout 60 "$RELGRAPH" render s.yaml --format svg,dot,png,pdf -o multi >/dev/null 2>.err); ST=$?; ERR=$(cat .err)
    want_status 73 || return 1
    for f in svg dot png pdf; do [ "$(cat "multi.$f")" = old ] || fail "multi.$f replaced"; done
}
disk_report_markdown_folder_in_the_way() {
    mkdir -p md2/r.md && echo old > md2/r.svg
    r report s.yaml -o md2/r.md
    want_status 73 && [ "$(cat md2/r.svg)" = old ] || fail "r.svg replaced"
}
disk_output_is_a_folder() { mkdir s.svg; r render s.yaml -o s.svg; want_status 73 && want_err "it is a directory" && [ -d s.svg ]; }
disk_output_is_a_fifo() { mkfifo p.svg; r render s.yaml -o p.svg; want_status 73 && want_err "not a regular file" && [ -p p.svg ]; }
disk_output_parent_is_a_file() { echo x > f; r render s.yaml -o f/s.svg; want_status 73 && want_err "is not a directory"; }

# ---------------------------------------------------------------- signals
signal_mid_write() {  # SIGNAL
    big_network big.json; mkdir out; echo old > out/big.dot
    start_writing out render big.json --format dot -o out/big.dot || fail "no temporary file appeared"
    kill -"$1" "$PID"; wait "$PID"; ST=$?
    [ "$ST" = $((128 + $(kill -l "$1"))) ] || fail "exit $ST after SIG$1"
    [ "$(cat out/big.dot)" = old ] || fail "old file lost"
    no_temporary_files out
}
signal_int_mid_write() { signal_mid_write INT; }
signal_term_mid_write() { signal_mid_write TERM; }
signal_hup_mid_write() { signal_mid_write HUP; }
signal_kill_old_or_new() {
    big_network big.json; mkdir out
    r render big.json --format dot -o expected.dot
    for delay in 0.2 0.6 1.0 1.4 2.0; do
        echo old > out/big.dot
        "$RELGRAPH" render big.json --format dot -o out/big.dot -q & local pid=$!
        sleep "$delay"; kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
        [ "$(cat out/big.dot)" = old ] || cmp -s out/big.dot expected.dot || fail "half-written after SIGKILL at ${delay}s"
    done
}
signal_kill_leftover_cleaned() {
    big_network big.json; mkdir out
    start_writing out render big.json --format dot -o out/big.dot || fail "no temporary file appeared"
    kill -KILL "$PID"; wait "$PID" 2>/dev/null
    [ -n "$(find out -name '.*.tmp-*')" ] || fail "SIGKILL left nothing to clean (the case proves nothing)"
    mkdir "out/.notes.tmp-4194399-1"  # a folder named like one stays
    r render s.yaml -o out/s.svg -q
    [ -z "$(find out -type f -name '.*.tmp-*')" ] || fail "the next run left the stale temporary file"
    [ -d "out/.notes.tmp-4194399-1" ] || fail "a folder was removed"
}
signal_nohup_keeps_hup_ignored() {
    big_network big.json
    set -m; nohup "$RELGRAPH" render big.json --format dot -o big.dot -q >/dev/null 2>&1 & local pid=$!; set +m
    sleep 0.5; kill -HUP "$pid"; wait "$pid"; ST=$?
    want_status 0 && [ -s big.dot ] || fail "SIGHUP ignored by nohup was not kept ignored"
}
signal_term_batch_parent() {
    mkdir in; for n in a b c d; do big_network "in/$n.json"; done
    "$RELGRAPH" render in --out-dir out --format dot --jobs 2 2>/dev/null & local pid=$!
    local kids=""
    for _ in $(seq 1 600); do kids=$(pgrep -P "$pid"); [ "$(wc -w <<<"$kids")" -ge 2 ] && break; sleep 0.1; done
    [ -n "$kids" ] || fail "no child started"
    kill -TERM "$pid"; wait "$pid"; ST=$?
    want_status 143 || return 1
    for k in $kids; do kill -0 "$k" 2>/dev/null && fail "child $k outlived the batch"; done
    local before; before=$(find out -type f 2>/dev/null | sort | xargs -r md5sum)
    sleep 1
    [ "$before" = "$(find out -type f 2>/dev/null | sort | xargs -r md5sum)" ] || fail "OUT changed after the batch ended"
    no_temporary_files out
}

# ---------------------------------------------------------------- batch, manifests, links
batch_first_run() { mkdir -p in/sub && cp s.yaml in/sub/s.yaml && r render in --out-dir out -q && want_status 0; }
edit_manifest() {  # PYTHON-EXPRESSION on outputs (a dict)
    python3 - "$1" <<'PY'
import json, sys
m = json.load(open("out/.relgraph-manifest.json"))
outputs = m["inputs"]["sub/s.yaml"]["outputs"]
exec(sys.argv[1])
json.dump(m, open("out/.relgraph-manifest.json", "w"))
PY
}
manifest_entry_leads_out() {
    batch_first_run || return 1; echo keep > victim.txt
    edit_manifest "outputs['../victim.txt'] = ''; outputs['$D/victim.txt'] = ''"
    r render in --out-dir out
    want_status 0 && want_err "left alone" && [ "$(cat victim.txt)" = keep ]
}
manifest_entry_is_a_folder() {
    batch_first_run || return 1; mkdir -p out/sub/notes && echo mine > out/sub/notes/keep.txt
    edit_manifest "outputs['sub'] = 'sha256:0'"
    r render in --out-dir out
    want_status 0 && want_err "out/sub is a folder" && [ "$(cat out/sub/notes/keep.txt)" = mine ] || fail "the folder was deleted"
}
manifest_entry_is_a_link() {
    batch_first_run || return 1; echo keep > victim.txt; ln -s ../../victim.txt out/sub/link.svg
    edit_manifest "outputs['sub/link.svg'] = 'sha256:0'"
    r render in --out-dir out
    want_status 0 && want_err "is a symbolic link" && [ -L out/sub/link.svg ] && [ "$(cat victim.txt)" = keep ]
}
manifest_entry_edited_by_user() {
    batch_first_run || return 1; echo mine > out/sub/mine.svg
    edit_manifest "outputs['sub/mine.svg'] = 'sha256:0'"
    r render in --out-dir out
    want_status 0 && want_err "was changed since relgraph wrote it" && [ "$(cat out/sub/mine.svg)" = mine ]
}
manifest_garbage() {
    batch_first_run || return 1; printf '\x00{not json' > out/.relgraph-manifest.json
    r render in --out-dir out; want_status 0 && [ -s out/sub/s.svg ]
}
manifest_is_a_fifo() {
    batch_first_run || return 1; rm out/.relgraph-manifest.json; mkfifo out/.relgraph-manifest.json
    r render in --out-dir out; want_status 73 && [ -p out/.relgraph-manifest.json ]
}
batch_subfolder_link_outside() {
    mkdir -p in/sub out elsewhere && cp s.yaml in/sub/n.yaml && echo outside > elsewhere/n.svg && ln -s ../elsewhere out/sub
    r render in --out-dir out
    want_status 65 && want_err "is a symbolic link" && [ "$(cat elsewhere/n.svg)" = outside ] && [ "$(ls elsewhere)" = n.svg ]
}
batch_gallery_script_name() {
    mkdir in && cp s.yaml 'in/javascript:alert(1).yaml'
    r render in --out-dir out -q
    want_status 0 && ! grep -q 'href="javascript' out/index.html && grep -q 'href="./javascript%3Aalert%281%29.svg"' out/index.html || fail "bad link"
}
batch_view_name_leads_out() {
    printf 'views:\n  "x/../../../pwned": {title: T}\n' >> s.yaml
    r render s.yaml --all-views --out-dir out
    want_status 0 && [ -f 'out/s.x%2F..%2F..%2F..%2Fpwned.svg' ] && [ ! -e pwned.svg ] && [ ! -e ../pwned.svg ]
}
batch_views_differ_by_case() {
    printf 'views:\n  Ties: {title: A}\n  ties: {title: B}\n' >> s.yaml
    r render s.yaml --all-views --out-dir out; want_status 65 && want_err "differ only by case" && [ ! -e out ]
}
batch_fifo_in_input_folder() { mkdir in && cp s.yaml in/ && mkfifo in/p.yaml && r render in --out-dir out && want_status 0 && [ -f out/s.svg ]; }
batch_output_inside_input() { mkdir in && cp s.yaml in/ && r render in --out-dir in/out -q && want_status 0 && r render in --out-dir in/out && want_status 0 && want_err "1 unchanged"; }
timeline_folder_named_like_a_frame() {
    mkdir -p tl/frame-050-2050.svg/sub && echo mine > tl/frame-050-2050.svg/sub/notes.txt
    r timeline s.yaml --out-dir tl
    want_status 0 && [ "$(cat tl/frame-050-2050.svg/sub/notes.txt)" = mine ] || fail "the folder was deleted"
}
timeline_recorded_frames_removed() {
    r timeline s.yaml --dates 2015,2020 --out-dir tl -q && r timeline s.yaml --dates 2015 --out-dir tl
    want_status 0 && want_err "removed tl/frame-002-2020.svg" && [ ! -e tl/frame-002-2020.svg ]
}

# ---------------------------------------------------------------- inputs
input_is_output() {  # EXPECTED-STATUS ARGS...
    local want=$1; shift
    cp s.yaml t.yaml; ln -s s.yaml link.yaml
    "$RELGRAPH" export stix s.yaml -o b.json -q; printf 'id,kind,name\na,group,A\n' > e.csv
    local before; before=$(md5sum s.yaml b.json e.csv)
    r "$@"
    want_status "$want" && want_err "never overwrites" && [ "$before" = "$(md5sum s.yaml b.json e.csv)" ]
}
input_render_over_itself() { input_is_output 73 render s.yaml -o s.yaml; }
input_render_over_a_link_to_it() { input_is_output 73 render s.yaml -o link.yaml; }
input_report_over_itself() { input_is_output 73 report s.yaml -o s.yaml; }
input_export_over_itself() { input_is_output 73 export stix s.yaml -o s.yaml; }
input_diff_over_its_input() { input_is_output 2 diff s.yaml t.yaml -o s.yaml; }
input_import_stix_over_itself() { input_is_output 73 import stix b.json -o b.json; }
input_import_csv_over_itself() { input_is_output 73 import csv --entities e.csv -o e.csv; }
input_fifo_named_explicitly() { r validate <(cat s.yaml); want_status 0; }
input_device() { r validate /dev/null; want_status 65 && want_err "empty-document"; }
input_directory() { mkdir d.yaml; r validate d.yaml; want_status 66 && want_err "is a directory"; }
input_unreadable() {
    chmod 000 s.yaml
    as_user timeout 60 "$RELGRAPH" validate s.yaml >.err 2>&1; ST=$?; ERR=$(cat .err)
    want_status 66 && want_err "permission denied"
}

# ---------------------------------------------------------------- bombs and encodings
bomb_billion_laughs() {
    python3 -c "
print('a: &a [x, x, x, x, x, x, x, x, x, x]')
for i in range(1, 10): print(f'{chr(97+i)}: &{chr(97+i)} [' + ', '.join(['*' + chr(96+i)] * 10) + ']')
print('entities: []')" > bomb.yaml
    r validate bomb.yaml; want_status 65 && want_err "[limit]"
}
bomb_deep_nesting_yaml() { python3 -c "print('entities: ' + '[' * 5000 + ']' * 5000)" > deep.yaml; r validate deep.yaml; want_status 65 && want_err "[limit]"; }
bomb_deep_nesting_json() { python3 -c "print('{\"entities\": ' + '[' * 100000 + ']' * 100000 + '}')" > deep.json; r validate deep.json; want_status 65 && want_err "[limit]"; }
bomb_huge_file() { truncate -s 300M huge.yaml; r validate huge.yaml; want_status 65 && want_err "[limit]"; }
bomb_long_string() { python3 -c "print('title: ' + 'x' * 2000000 + '\nentities: []')" > long.yaml; r validate long.yaml; want_status 65 && want_err "[limit]"; }
encoding_utf16() { iconv -f UTF-8 -t UTF-16 s.yaml > u16.yaml; r validate u16.yaml; want_status 65 && want_err "[encoding]"; }
encoding_nul() { printf 'title: a\0b\nentities: []\n' > nul.yaml; r validate nul.yaml; want_status 65 && want_err "[encoding]"; }
encoding_invalid_utf8() { printf 'title: \xff\xfe\nentities: []\n' > bad.yaml; r validate bad.yaml; want_status 65 && want_err "[encoding]"; }

# ---------------------------------------------------------------- hostile DOT
dot_deep_subgraphs() {
    python3 -c "print('digraph g {' + 'subgraph { ' * 3000 + 'a' + ' }' * 3000 + '}')" > deep.dot
    "$RELGRAPH" render s.yaml --format dot -o s.dot -q
    r diff s.dot deep.dot; [ "$ST" = 1 ] || [ "$ST" = 2 ] || fail "exit $ST"
}
dot_garbage() { printf 'digraph { a -> [[[ <<html \0\n' > bad.dot; r diff bad.dot bad.dot; want_status 2; }
dot_html_label_too_long() {
    printf 'digraph { a [label=<<table><tr><td>%s</td></tr></table>>]; a -> b }\n' "$(printf 'x%.0s' $(seq 1 20000))" > html.dot
    r diff html.dot html.dot; want_status 2 && want_err "cannot be read as DOT"
}

# ---------------------------------------------------------------- STIX and CSV
stix_same_pair_linear() {  # quadratic before: 24,000 took 80 s with a release build; now 4 s with the debug build
    python3 "$ROOT/scripts/faults/gen-stix.py" same-pair 24000 pair.json
    local started=$SECONDS
    r import stix pair.json -o pair.yaml -q
    want_status 0 && [ $((SECONDS - started)) -lt 30 ] || fail "took $((SECONDS - started)) s"
}
stix_invalid_values_warned() {
    python3 "$ROOT/scripts/faults/gen-stix.py" invalid inv.json
    r import stix inv.json -o inv.yaml
    want_status 0 && want_err "confidence -5 is not a STIX confidence" && want_err "'name' is a mapping" && want_err "relationship--"
}
stix_not_a_bundle() { echo '{"type": "indicator", "id": "indicator--1"}' > x.json; r import stix x.json -o x.yaml; want_status 65 && want_err "wrap it in a bundle"; }
csv_column_once() { printf 'id,kind,name,since\na,group,A,2019-13\n' > e.csv; r import csv --entities e.csv -o - ; want_status 65 && want_err "column since: '2019-13'"; }
csv_bad_quote() { printf 'id,kind,name\na,group,"A\n' > e.csv; r import csv --entities e.csv -o -; want_status 65 && want_err "e.csv:2:"; }

# ---------------------------------------------------------------- git revisions
git_outside_repository() { r diff git:HEAD:s.yaml s.yaml; want_status 2 && want_err "git"; }
git_bad_revision() {
    git init -q repo && cp s.yaml repo/ && git -C repo add s.yaml && git -C repo -c user.name=t -c user.email=t@t commit -qm x
    (cd repo && timeout 60 "$RELGRAPH" diff git:nope:s.yaml s.yaml >/dev/null 2>../.err); ST=$?; ERR=$(cat .err)
    want_status 2
}
git_path_leads_out() {
    git init -q repo && cp s.yaml repo/ && git -C repo add s.yaml && git -C repo -c user.name=t -c user.email=t@t commit -qm x
    (cd repo && timeout 60 "$RELGRAPH" diff git:HEAD:../s.yaml s.yaml >/dev/null 2>../.err); ST=$?; ERR=$(cat .err)
    want_status 2
}

# ---------------------------------------------------------------- the preview server
serve_start() {  # ARGS...: starts serve on a free port; $PORT, $SPID (killed when the case ends, however it ends)
    "$RELGRAPH" serve --port 0 "$@" >/dev/null 2>serve.log & SPID=$!
    trap 'kill -KILL "$SPID" 2>/dev/null' EXIT
    for _ in $(seq 1 100); do PORT=$(grep -o '127.0.0.1:[0-9]*' serve.log | head -1 | cut -d: -f2); [ -n "$PORT" ] && return 0; sleep 0.1; done
    return 1
}
code() { curl -s -m 20 -o /dev/null -w '%{http_code}' "$@"; }
serve_fifo_in_folder() {
    command -v curl >/dev/null || skip "needs curl"
    mkdir in && cp s.yaml in/ && mkfifo in/p.yaml && serve_start in || fail "serve did not start"
    for _ in 1 2 3 4 5 6; do [ "$(code "http://127.0.0.1:$PORT/?file=p.yaml")" = 404 ] || fail "p.yaml not 404"; done
    [ "$(code "http://127.0.0.1:$PORT/?file=s.yaml")" = 200 ] || fail "the server stopped answering"
    kill -INT "$SPID"; wait "$SPID"
}
serve_path_traversal() {
    command -v curl >/dev/null || skip "needs curl"
    mkdir in && cp s.yaml in/ && serve_start in || fail "serve did not start"
    [ "$(code --path-as-is "http://127.0.0.1:$PORT/../../etc/passwd")" = 404 ] && [ "$(code "http://127.0.0.1:$PORT/?file=..%2Fs.yaml")" = 404 ] || fail "a path led out"
    kill -INT "$SPID"; wait "$SPID"
}
serve_dns_rebinding() {
    command -v curl >/dev/null || skip "needs curl"
    serve_start s.yaml || fail "serve did not start"
    [ "$(code -H 'Host: evil.example' "http://127.0.0.1:$PORT/")" = 403 ] || fail "another host name was answered"
    kill -INT "$SPID"; wait "$SPID"
}
serve_sigterm() {
    serve_start s.yaml || fail "serve did not start"
    kill -TERM "$SPID"; wait "$SPID"; ST=$?; want_status 0
}

# ---------------------------------------------------------------- slow (FAULTS_SLOW=1)
slow_manifest_48mb() {
    [ -n "${FAULTS_SLOW:-}" ] || skip "slow: FAULTS_SLOW=1"
    batch_first_run || return 1
    python3 - <<'PY'
import json
m = json.load(open("out/.relgraph-manifest.json"))
for i in range(150000):
    m["inputs"][f"gone/{i:06d}/net.yaml"] = {"hash": "sha256:" + "0" * 64, "outputs": {f"gone/{i:06d}/net.svg": "sha256:" + "1" * 64}}
json.dump(m, open("out/.relgraph-manifest.json", "w"), indent=2)
PY
    local started=$SECONDS
    LIMIT=600 r render in --out-dir out -q
    want_status 0 && [ $((SECONDS - started)) -lt 30 ] || fail "took $((SECONDS - started)) s"
}
slow_stix_100k_objects() {
    [ -n "${FAULTS_SLOW:-}" ] || skip "slow: FAULTS_SLOW=1"
    python3 "$ROOT/scripts/faults/gen-stix.py" objects 100000 big.json
    LIMIT=600 r import stix big.json -o big.yaml -q; want_status 0
}

CASES=(
    disk_readonly_folder disk_readonly_filesystem disk_full disk_ulimit_file_size disk_ulimit_standard_output disk_multi_format_all_or_nothing
    disk_report_markdown_folder_in_the_way disk_output_is_a_folder disk_output_is_a_fifo disk_output_parent_is_a_file
    signal_int_mid_write signal_term_mid_write signal_hup_mid_write signal_kill_old_or_new signal_kill_leftover_cleaned
    signal_nohup_keeps_hup_ignored signal_term_batch_parent
    manifest_entry_leads_out manifest_entry_is_a_folder manifest_entry_is_a_link manifest_entry_edited_by_user manifest_garbage
    manifest_is_a_fifo batch_subfolder_link_outside batch_gallery_script_name batch_view_name_leads_out batch_views_differ_by_case
    batch_fifo_in_input_folder batch_output_inside_input timeline_folder_named_like_a_frame timeline_recorded_frames_removed
    input_render_over_itself input_render_over_a_link_to_it input_report_over_itself input_export_over_itself
    input_diff_over_its_input input_import_stix_over_itself input_import_csv_over_itself input_fifo_named_explicitly
    input_device input_directory input_unreadable
    bomb_billion_laughs bomb_deep_nesting_yaml bomb_deep_nesting_json bomb_huge_file bomb_long_string
    encoding_utf16 encoding_nul encoding_invalid_utf8
    dot_deep_subgraphs dot_garbage dot_html_label_too_long
    stix_same_pair_linear stix_invalid_values_warned stix_not_a_bundle csv_column_once csv_bad_quote
    git_outside_repository git_bad_revision git_path_leads_out
    serve_fifo_in_folder serve_path_traversal serve_dns_rebinding serve_sigterm
    slow_manifest_48mb slow_stix_100k_objects
)
for c in "${CASES[@]}"; do run_case "$c"; done
echo "fault battery: $passed passed, $failed failed, $skipped skipped of $total cases ($RELGRAPH)"
[ "$failed" = 0 ] || { echo "failed: ${FAILED_CASES[*]}"; exit 1; }
