#!/usr/bin/env bash
# Bytes written to the disk per instance beyond the DICOM bytes (issue: archive, "bytes written per instance beyond
# the DICOM file itself"), Tessera and Orthanc side by side, measured at the device: /proc/diskstats' sectors written
# on the disk holding the work folder, from before a one-association storescu ingest to after the server has stopped
# and `sync` returned, so that every deferred write counts (Tessera's WAL checkpoint and commit journal, Orthanc's
# SQLite, the file system's metadata). The server processes' write_bytes (what archive-side-by-side.sh reports) misses
# the metadata and is charged 1 MiB per fdatasync of a large overwritten file (benchmarks/README.md), hence this.
#
# usage: benchmarks/bytes-per-instance.sh [--tessera DIR] [--ct S,E,I] [--small S,E,I] [--work DIR]   (as root)
#   --tessera DIR   an already published `tessera` (default: publish to WORK/tessera-publish)
#   --ct, --small   corpus shapes as archive-side-by-side.sh (defaults 10,2,25 and 20,2,25; made when missing)
# Output: benchmarks/results/bytes-per-instance-<UTC timestamp>.tsv (target, corpus, instances, DICOM bytes, device
# bytes, bytes per instance beyond the DICOM bytes) and the table on stdout. The whole disk is counted: run it on a
# quiet machine (the load average is recorded), and compare targets of the same run.
set -euo pipefail
shopt -s inherit_errexit

SELF=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
ROOT=$(cd "$(dirname "$SELF")/.." && pwd)
# shellcheck source=common.sh
. "$ROOT/benchmarks/common.sh"

tessera_dir=""; ct=10,2,25; small=20,2,25; work=/tmp/tessera-bench
while [ $# -gt 0 ]; do
    case "$1" in
        --tessera) tessera_dir=$2; shift 2 ;;
        --ct) ct=$2; shift 2 ;;
        --small) small=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        -h|--help) sed -n '2,15p' "$SELF"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
done
[ "$(id -u)" = 0 ] || die "needs root (a network namespace for Orthanc, apt-get)"
command -v storescu >/dev/null && [ -x /usr/sbin/Orthanc ] || DEBIAN_FRONTEND=noninteractive apt-get install -y dcmtk orthanc >/dev/null \
    || die "apt-get install dcmtk orthanc failed"
mkdir -p "$work"

pub=${tessera_dir:-$work/tessera-publish}
if [ -z "$tessera_dir" ]; then
    publish_tessera "$pub" "$work/publish.log"
fi

# The disk of the work folder, as /proc/diskstats names it (a partition's sectors count for it).
disk=$(lsblk -no PKNAME "$(df --output=source "$work" | tail -1)" 2>/dev/null || true)
[ -n "$disk" ] || disk=$(basename "$(df --output=source "$work" | tail -1)")
grep -qw "$disk" /proc/diskstats || die "cannot find the disk of $work in /proc/diskstats"
sectors_written() { sync; awk -v d="$disk" '$3==d {print $10}' /proc/diskstats; }

ns=tb-bytes
ip netns del "$ns" 2>/dev/null || true
"$SHARED/netns.sh" up "$ns" > /dev/null
server=""
cleanup() {
    [ -z "$server" ] || kill -TERM "$server" 2>/dev/null || true
    "$SHARED/orthanc.sh" stop --dir "$work/bytes-orthanc" --netns "$ns" > /dev/null 2>&1 || true
    "$SHARED/netns.sh" down "$ns" > /dev/null 2>&1 || true
}
trap cleanup EXIT

ts=$(date -u +%Y%m%dT%H%M%SZ)
out=$ROOT/benchmarks/results/bytes-per-instance-$ts.tsv
{
    echo "# bytes-per-instance.sh $(date -Is); git $(cd "$ROOT" && git rev-parse --short HEAD); disk $disk; load average $(cut -d' ' -f1-3 /proc/loadavg)"
    printf 'target\tcorpus\tinstances\tdicom_bytes\tdevice_bytes\tbeyond_dicom_per_instance\n'
} > "$out"

for kind in ct small; do
    corpus=$(corpus_dir "$kind")
    mapfile -t files < <(find "$corpus" -name '*.dcm' | sort)
    dicom=$(stat -c %s "${files[@]}" | awk '{s += $1} END {print s}')
    cat "${files[@]}" > /dev/null   # read from the page cache while measuring, as bench.sh does
    for target in tessera orthanc; do
        log "$target, corpus $kind: ${#files[@]} instances"
        if [ "$target" = tessera ]; then
            data=$work/bytes-tessera; rm -rf "$data"
            ip netns exec "$ns" "$pub/tessera" serve --data "$data" --dicom-port 11112 > "$work/bytes-tessera.log" 2>&1 &
            server=$!
            for _ in $(seq 1 100); do ip netns exec "$ns" echoscu -aec TESSERA 127.0.0.1 11112 2>/dev/null && break; sleep 0.1; done
            port=11112; aec=TESSERA
        else
            rm -rf "$work/bytes-orthanc"
            "$SHARED/orthanc.sh" start --dir "$work/bytes-orthanc" --netns "$ns" > /dev/null
            port=4242; aec=ORTHANC
        fi
        before=$(sectors_written)
        ip netns exec "$ns" storescu -aec "$aec" 127.0.0.1 "$port" "${files[@]}" || die "storescu to $target failed"
        if [ "$target" = tessera ]; then
            kill -TERM "$server"; wait "$server" 2>/dev/null || true; server=""
        else
            "$SHARED/orthanc.sh" stop --dir "$work/bytes-orthanc" --netns "$ns" > /dev/null
        fi
        after=$(sectors_written)
        device=$(( (after - before) * 512 ))
        printf '%s\t%s\t%d\t%d\t%d\t%d\n' "$target" "$kind" "${#files[@]}" "$dicom" "$device" $(( (device - dicom) / ${#files[@]} )) >> "$out"
    done
done
rm -rf "$work/bytes-tessera" "$work/bytes-orthanc"
grep -v "^#" "$out" | column -t -s $'\t'
echo "results: $out"
