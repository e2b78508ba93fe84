#!/usr/bin/env bash
# The published form of Tessera is one native executable (NativeAOT), which the JIT-compiled test suite does not run:
# this publishes it and drives every network verb and the server with it, against DCMTK and against itself. Code that
# works under the JIT and not native (reflection the trimmer removed, run-time code generation) fails here.
# usage: tests/native-smoke.sh   (from test.sh, after the test suite; needs clang, dcmtk)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/tessera-native.XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "native-smoke: FAIL: $*" >&2; exit 1; }
step() { echo "native-smoke: $*"; }

step "publishing the native executable"
dotnet publish src/Tessera.Cli -c Release -r linux-x64 -o "$work/bin" --nologo -v q > "$work/publish.log" 2>&1 \
    || { tail -30 "$work/publish.log" >&2; fail "dotnet publish"; }
t="$work/bin/tessera"
[ -x "$t" ] || fail "no executable"
[ ! -e "$work/bin/tessera.dll" ] || fail "published a managed assembly, not a native executable"

port() { echo $((20000 + RANDOM % 20000)); }
wait_echo() { for _ in $(seq 100); do echoscu -aec "$1" 127.0.0.1 "$2" >/dev/null 2>&1 && return 0; sleep 0.1; done; fail "no C-ECHO answer from $1 on $2"; }
corpus=tests/data/corpus
files=("$corpus/ct_small_evrle.dcm" "$corpus/mr_small_evrle.dcm" "$corpus/rtplan.dcm" "$corpus/chr_utf8.dcm" "$corpus/chr_jp_h32.dcm")

step "version, dump"
"$t" --version | grep -q . || fail "--version"
"$t" dump "$corpus/ct_small_evrle.dcm" | grep -q SOPInstanceUID || fail "dump"
"$t" dump --json "$corpus/chr_jp_h32.dcm" | grep -q '"00080018"' || fail "dump --json"

step "receive <- store, echo"
rx_port=$(port); mkdir -p "$work/rx"
"$t" receive --port "$rx_port" --out "$work/rx" --aet RX > "$work/rx.log" 2>&1 & pids+=($!)
wait_echo RX "$rx_port"
"$t" echo 127.0.0.1 "$rx_port" --aec RX > /dev/null || fail "echo"
"$t" store 127.0.0.1 "$rx_port" --aec RX "${files[@]}" > "$work/store.log" || { cat "$work/store.log" >&2; fail "store"; }
[ "$(ls "$work/rx" | wc -l)" = "${#files[@]}" ] || fail "receive filed $(ls "$work/rx" | wc -l) of ${#files[@]}"
for f in "${files[@]}"; do
    uid=$(dcmdump +P SOPInstanceUID "$f" | sed 's/.*\[\(.*\)\].*/\1/' | tr -d '\0 ')
    diff <(dcmdump -q +L "$f" | grep -av '^# \|(0002,' ) <(dcmdump -q +L "$work/rx/$uid.dcm" | grep -av '^# \|(0002,') > /dev/null \
        || fail "received $uid differs from the file sent"
done

step "serve <- storescu; find, move, get, check, import"
dicom_port=$(port)
"$t" serve --data "$work/data" --dicom-port "$dicom_port" --ae-title TESSERA --peer "RX=127.0.0.1:$rx_port" > "$work/serve.log" 2>&1 & serve=$!; pids+=($serve)
wait_echo TESSERA "$dicom_port"
storescu -aec TESSERA 127.0.0.1 "$dicom_port" "${files[@]}" > /dev/null 2>&1 || fail "storescu into serve"
n=$("$t" find 127.0.0.1 "$dicom_port" --aec TESSERA --level IMAGE -k SOPInstanceUID -k StudyInstanceUID 2>/dev/null | grep -c 'SOPInstanceUID')
[ "$n" = "${#files[@]}" ] || fail "find found $n of ${#files[@]}"
findscu -S -aec TESSERA 127.0.0.1 "$dicom_port" -k QueryRetrieveLevel=STUDY -k PatientName -k StudyInstanceUID > "$work/findscu.log" 2>&1 || fail "findscu"
study=$(dcmdump +P StudyInstanceUID "$corpus/ct_small_evrle.dcm" | sed 's/.*\[\(.*\)\].*/\1/' | tr -d '\0 ')
rm -rf "$work/rx"/*
"$t" move 127.0.0.1 "$dicom_port" --aec TESSERA --dest RX -k QueryRetrieveLevel=STUDY -k "StudyInstanceUID=$study" > "$work/move.log" 2>&1 || { cat "$work/move.log" >&2; fail "move"; }
[ "$(ls "$work/rx" | wc -l)" -ge 1 ] || fail "move delivered nothing"
"$t" get 127.0.0.1 "$dicom_port" --aec TESSERA --out "$work/got" -k QueryRetrieveLevel=STUDY -k "StudyInstanceUID=$study" > "$work/get.log" 2>&1 || { cat "$work/get.log" >&2; fail "get"; }
[ "$(ls "$work/got" | wc -l)" = "$(ls "$work/rx" | wc -l)" ] || fail "get and move brought different counts"
"$t" check --data "$work/data" > "$work/check.log" 2>&1 || { cat "$work/check.log" >&2; fail "check through the server"; }
kill -TERM "$serve"; wait "$serve" || fail "serve did not stop cleanly on SIGTERM"
"$t" import --data "$work/imported" "${files[@]}" > "$work/import.log" 2>&1 || { cat "$work/import.log" >&2; fail "import"; }
"$t" check --data "$work/imported" > "$work/check2.log" 2>&1 || { cat "$work/check2.log" >&2; fail "check"; }
step "passed"
