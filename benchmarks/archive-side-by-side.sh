#!/usr/bin/env bash
# Archive speed side by side (issue: archive server speed targets), one command, one session,
# one machine: the shared harness (../shared/bench beside the project: bench.sh, orthanc.sh, netns.sh,
# make_corpus.py, compare.py) run against
#   tessera           `tessera serve` (Release publish), stock loopback TCP
#   orthanc-stock     Orthanc 1.10 (Debian), stock loopback TCP
#   orthanc-quickack  the same Orthanc with delayed ACKs off on loopback (netns.sh --quickack)
#   tessera-quickack  (optional) `tessera serve` with delayed ACKs off
# on a 512x512 CT corpus and a 64x64 "small" corpus, then compare.py for every Tessera target
# against every Orthanc target. Every server runs in a loopback-only network namespace.
# DICOMweb measures are skipped for Tessera (it has no DICOMweb yet) and, unless
# --orthanc-dicomweb, for Orthanc too.
#
# usage: benchmarks/archive-side-by-side.sh [options]        (as root)
#   --ct S,E,I        CT corpus: S studies x E series x I instances (default 10,2,25 = 500, ~260 MB)
#   --small S,E,I     64x64 corpus (default 20,2,25 = 1000, ~10 MB)
#   --corpora LIST    ct,small (default both)
#   --targets LIST    tessera,orthanc-stock,orthanc-quickack[,tessera-quickack]
#                     (default the first three)
#   --reps R          ingest / retrieve repetitions, passed to bench.sh (default 3)
#   --queries K       C-FIND queries per kind, passed to bench.sh (default 20)
#   --parallel N      associations of the parallel C-STORE (default 4)
#   --orthanc-dicomweb  also measure STOW/QIDO/WADO/metadata on Orthanc (adds minutes)
#   --tessera DIR     use an already published `tessera` in DIR (skips `dotnet publish`)
#   --work DIR        corpora, server state and full bench.sh logs (default /tmp/tessera-bench;
#                     never in git: the CT corpus alone is hundreds of MB)
#   --results DIR     where the small text results go
#                     (default benchmarks/results/archive-side-by-side-<UTC timestamp>)
# A full run with the defaults takes about 15-25 minutes on a quiet 2-core machine.
# Trial: --ct 2,1,20 --small 2,1,20 --reps 1 --queries 5
#
# Internal (the reset command bench.sh calls for Tessera; modelled on orthanc.sh reset):
#   archive-side-by-side.sh tessera-ctl start|stop|reset --dir D
#     D/ctl.env holds TESSERA (the executable), PORT, AET; D/data is the data folder
#     (wiped by reset), D/tessera.pid the PID (--target-pidfile), D/serve.log the log.
set -euo pipefail
shopt -s inherit_errexit

SELF=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
ROOT=$(cd "$(dirname "$SELF")/.." && pwd)
# shellcheck source=common.sh
. "$ROOT/benchmarks/common.sh"

# ============================================================ tessera-ctl
if [ "${1:-}" = tessera-ctl ]; then
    sub=${2:-}; [ "${3:-}" = --dir ] && [ -n "${4:-}" ] || die "usage: tessera-ctl start|stop|reset --dir D"
    dir=$4
    [ -f "$dir/ctl.env" ] || die "$dir/ctl.env missing"
    # shellcheck disable=SC1091
    . "$dir/ctl.env"
    pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null && [ "$(cat /proc/"$1"/comm 2>/dev/null)" = tessera ]; }
    read_pid() { [ -f "$dir/tessera.pid" ] && cat "$dir/tessera.pid" || true; }
    ctl_stop() {
        local pid i; pid=$(read_pid)
        if pid_alive "$pid"; then
            kill -TERM "$pid"
            for i in $(seq 1 600); do pid_alive "$pid" || break; sleep 0.1; done
            if pid_alive "$pid"; then log "tessera PID $pid alive 60 s after SIGTERM: SIGKILL"; kill -KILL "$pid" || true; sleep 0.5; fi
        fi
        rm -f "$dir/tessera.pid"
    }
    ctl_start() {
        local pid i old; old=$(read_pid)
        pid_alive "$old" && die "a tessera (PID $old) already runs for $dir"
        mkdir -p "$dir/data"
        echo "=== start $(date -Is)" >> "$dir/serve.log"
        nohup "$TESSERA" serve --data "$dir/data" --dicom-port "$PORT" --ae-title "$AET" \
            --peer BENCHSCP=127.0.0.1:11113 </dev/null >>"$dir/serve.log" 2>&1 &
        pid=$!
        echo "$pid" > "$dir/tessera.pid"
        for i in $(seq 1 300); do
            pid_alive "$pid" || { tail -20 "$dir/serve.log" >&2; die "tessera serve (PID $pid) exited during start-up; see $dir/serve.log"; }
            if echoscu -to 2 -ta 2 -td 2 -aet BENCHPING -aec "$AET" 127.0.0.1 "$PORT" >/dev/null 2>&1; then
                echo "$pid"; return 0
            fi
            sleep 0.2
        done
        die "tessera serve (PID $pid) does not answer C-ECHO after 60 s; see $dir/serve.log"
    }
    case "$sub" in
        start) ctl_start ;;
        stop) ctl_stop ;;
        reset)
            ctl_stop
            case "$dir" in /|"") die "refusing to wipe '$dir'" ;; esac
            rm -rf "$dir/data"
            ctl_start ;;
        *) die "usage: tessera-ctl start|stop|reset --dir D" ;;
    esac
    exit 0
fi

# ============================================================ sub-commands' common start
# The query plan of CORPUS (bench_helpers.py prep, K queries per kind) in a scratch folder $w, removed on exit with the
# storescp of $scp_pid if one was started.
prepare_plan() {  # NAME CORPUS K
    H="$PY $SHARED/bench_helpers.py"
    w=$(mktemp -d "/tmp/tessera-bench/$1.XXXXXX")
    scp_pid=""
    trap '[ -z "$scp_pid" ] || kill "$scp_pid" 2>/dev/null; rm -rf "$w"' EXIT
    $H prep "$2" "$w" "$3" 4242
}

# ============================================================ cfind-inassoc
# C-FIND inside the association, two ways, on the same query plan as bench.sh (bench_helpers.py prep), every answer
# count checked; process start-up and association set-up, which bench.sh's cfind_*_latency include (and which alone
# are more than 1/10 of Orthanc's C-FIND), are left out. Runs inside the target's namespace.
#   inassoc  findscu with a log pattern of microsecond timestamps (%s.%Q = SECONDS.MILLIS.MICROS), "Sending Find
#            Request" to "Received Final Find Response";
#   lean     the leanest client we have: `tessera find --repeat 21` sends the query 21 times on one association, prints
#            the first answer and times the others (request to final response, matches counted, not printed), so
#            findscu's own work per answer (a debug log line per element, a file per match) is out of the figure: what
#            is left is the server's work plus one loopback round trip. Its p50 per query.
# Then the floor under every C-FIND: `tessera echo --repeat 200`'s p50, a round trip that does nothing.
if [ "${1:-}" = cfind-inassoc ]; then
    [ $# = 7 ] || die "usage: cfind-inassoc TESSERA CORPUS PORT AEC QUERIES OUTDIR"
    tessera=$2; corpus=$3; port=$4; aec=$5; queries=$6; outd=$7
    prepare_plan inassoc "$corpus" "$queries"
    cat > "$w/ts.cfg" <<'EOC'
log4cplus.rootLogger = DEBUG, console
log4cplus.appender.console = log4cplus::ConsoleAppender
log4cplus.appender.console.layout = log4cplus::PatternLayout
log4cplus.appender.console.layout.ConversionPattern = %d{%s.%Q} %m%n
EOC
    : > "$outd/inassoc-raw.tsv"; : > "$outd/lean-raw.tsv"
    declare -A qi
    measure_query() {  # KIND ROOT(-P|-S) KEYS(|-separated, QueryRetrieveLevel among them) EXPECTED
        local kind=$1 root=$2 keys=$3 exp=$4 args=() lean=() level=STUDY k kv got v
        qi[$kind]=$(( ${qi[$kind]:-0} + 1 ))
        IFS='|' read -r -a kv <<< "$keys"
        for k in "${kv[@]}"; do
            args+=(-k "$k")
            case "$k" in QueryRetrieveLevel=*) level=${k#*=} ;; *) lean+=(-k "$k") ;; esac
        done
        rm -rf "$w/od"; mkdir -p "$w/od"
        findscu -lc "$w/ts.cfg" "$root" -aet BENCHSCU -aec "$aec" 127.0.0.1 "$port" -X -od "$w/od" "${args[@]}" > "$w/find.log" 2>&1 \
            || { tail -5 "$w/find.log" >&2; die "findscu $kind failed"; }
        got=$($H nfiles "$w/od")
        [ "$got" = "$exp" ] || die "C-FIND $kind ($keys): $got answers, expected $exp"
        v=$(LC_ALL=C awk 'function ms(s){split(s,a,"."); return a[1]*1000+a[2]+a[3]/1000}
                 /Sending Find Request/{t=ms($1)} /Received Final Find Response/{f=ms($1)}
                 END{ if (t && f) printf "%.3f", f-t; else print "nan" }' "$w/find.log")
        [ "$v" != nan ] || die "cannot read findscu's timestamps for $kind"
        printf 'cfind_%s_inassoc_latency %s %s ms\n' "$kind" "${qi[$kind]}" "$v" >> "$outd/inassoc-raw.tsv"

        "$tessera" find "$root" -L "$level" --aet BENCHSCU --aec "$aec" --repeat 21 "${lean[@]}" 127.0.0.1 "$port" \
            > /dev/null 2> "$w/lean.log" || { tail -5 "$w/lean.log" >&2; die "tessera find $kind failed"; }
        got=$(sed -nE 's/.*: ([0-9]+) match\(es\).*/\1/p' "$w/lean.log")
        [ "$got" = "$exp" ] || die "C-FIND $kind ($keys) with tessera find: $got answers, expected $exp"
        v=$(sed -nE 's/.*round trip p50 ([0-9.]+) ms.*/\1/p' "$w/lean.log")
        [ -n "$v" ] || die "cannot read tessera find's round trip for $kind"
        printf 'cfind_%s_lean_latency %s %s ms\n' "$kind" "${qi[$kind]}" "$v" >> "$outd/lean-raw.tsv"
    }
    while IFS=$'\t' read -r kind keys _ exp; do
        measure_query "$kind" -S "$keys" "$exp"
    done < "$w/queries.tsv"
    # bench.sh's plan has no patient or series level: QUERIES patients (Patient Root, by PatientID: one match each) and
    # QUERIES studies (Study Root, their series), spread over the corpus's manifest; expected counts from the manifest.
    pick() { awk -v k="$queries" '{a[NR]=$0} END{for (i=1; i<=k && i<=NR; i++) print a[int((i-1)*NR/k)+1]}'; }
    awk -F'\t' 'NR>1{print $3}' "$corpus/manifest.tsv" | sort -u | pick | while read -r pid; do
        printf 'patient_by_patientid\t-P\tQueryRetrieveLevel=PATIENT|PatientID=%s|PatientName\t1\n' "$pid"
    done > "$w/levels.tsv"
    awk -F'\t' 'NR>1{print $5 "\t" $6}' "$corpus/manifest.tsv" | sort -u | awk -F'\t' '{n[$1]++} END{for (s in n) print s "\t" n[s]}' \
        | sort | pick | while IFS=$'\t' read -r suid nseries; do
        printf 'series_in_study\t-S\tQueryRetrieveLevel=SERIES|StudyInstanceUID=%s|SeriesInstanceUID|Modality\t%s\n' "$suid" "$nseries"
    done >> "$w/levels.tsv"
    while IFS=$'\t' read -r kind root keys exp; do
        measure_query "$kind" "$root" "$keys" "$exp"
    done < "$w/levels.tsv"
    "$tessera" echo --aet BENCHSCU --aec "$aec" --repeat 200 127.0.0.1 "$port" > "$w/echo.log" 2>&1 \
        || { tail -5 "$w/echo.log" >&2; die "tessera echo failed"; }
    v=$(sed -nE 's/.*round trip p50 ([0-9.]+) ms.*/\1/p' "$w/echo.log")
    [ -n "$v" ] || die "cannot read tessera echo's round trip"
    printf 'cecho_lean_latency 1 %s ms\n' "$v" >> "$outd/lean-raw.tsv"
    $H stats "$outd/inassoc-raw.tsv" > "$outd/inassoc-summary.txt"
    $H stats "$outd/lean-raw.tsv" > "$outd/lean-summary.txt"
    exit 0
fi

# ============================================================ retrieve-ceiling
# What the harness's C-MOVE can reach with an archive that takes no time at all: bench.sh times one movescu per study
# (process start, association, C-MOVE, final response, release) while storescp receives the study. Two parts, each
# measured beside the target:
#   fixed     a movescu of a study that does not exist, against the target: all of movescu's own cost, no sub-operation
#             (the target's answer to it is part of it: Tessera says Success, Orthanc a failure status);
#   receiving storescp, started as bench.sh starts it, taking the same study's files from `tessera store` (the fastest
#             sender we have: file bytes as they are), sent three times over in one association so that the sender's
#             warm-up is spread, timed by its own clock (association to last response).
# The summary sets the fixed part beside what C-MOVE at 2x Orthanc leaves per study. C-GET's receiver is getscu, which
# writes files as storescp does. Same studies as bench.sh (studies.tsv order).
if [ "${1:-}" = retrieve-ceiling ]; then
    [ $# = 7 ] || die "usage: retrieve-ceiling TESSERA CORPUS PORT AEC REPS OUTDIR"
    tessera=$2; corpus=$3; port=$4; aec=$5; reps=$6; outd=$7
    prepare_plan ceiling "$corpus" 1
    . "$w/totals.env"
    mkdir -p "$w/rx"
    storescp --aetitle BENCHSCP --output-directory "$w/rx" 11113 > "$w/storescp.log" 2>&1 &
    scp_pid=$!
    sleep 0.3; kill -0 "$scp_pid" 2>/dev/null || { cat "$w/storescp.log" >&2; die "storescp did not start on port 11113"; }
    : > "$outd/ceiling-raw.tsv"
    for r in $(seq 1 "$reps"); do
        read -r suid sn _ < <(awk -F'\t' -v i="$r" -v n="$N_STUDIES" 'NR==((i-1)%n)+1{print $1, $4, $5}' "$w/studies.tsv")
        awk -F'\t' -v s="$suid" -v c="$corpus" 'NR>1 && $5==s {print c "/" $1}' "$corpus/manifest.tsv" > "$w/files.txt"
        [ "$(wc -l < "$w/files.txt")" = "$sn" ] || die "study $suid: $(wc -l < "$w/files.txt") files in the manifest, expected $sn"
        rm -rf "${w:?}/rx/"*
        t0=$(date +%s.%N)
        # Tessera answers Success with no sub-operation, Orthanc a failure status: either way movescu ran whole.
        movescu -v -S -aet BENCHSCU -aec "$aec" -aem BENCHSCP 127.0.0.1 "$port" -k QueryRetrieveLevel=STUDY \
            -k "StudyInstanceUID=1.2.826.0.1.3680043.10.999.$r" > "$w/move.log" 2>&1 || true
        t1=$(date +%s.%N)
        grep -q "Received Final Move Response" "$w/move.log" || { cat "$w/move.log" >&2; die "movescu of no study got no final response"; }
        mapfile -t files < "$w/files.txt"
        "$tessera" store --aet BENCHSCU --aec BENCHSCP 127.0.0.1 11113 "${files[@]}" "${files[@]}" "${files[@]}" > "$w/store.log" 2>&1 \
            || { tail -5 "$w/store.log" >&2; die "tessera store -> storescp failed"; }
        send=$(sed -nE 's/.*association\(s\), ([0-9.]+) s.*/\1/p' "$w/store.log" | tail -1)
        got=$(find "$w/rx" -type f | wc -l)
        [ "$got" -ge "$sn" ] || die "storescp received $got of $sn instances"
        awk -v n="$sn" -v a="$t0" -v b="$t1" -v s="$send" -v r="$r" \
            'BEGIN{printf "ceiling_empty_move %s %.2f ms\nceiling_receive_rate %s %.2f inst/s\n", r, (b-a)*1000, r, 3*n/s}' >> "$outd/ceiling-raw.tsv"
    done
    $H stats "$outd/ceiling-raw.tsv" > "$outd/ceiling-summary.txt"
    exit 0
fi

# ============================================================ options
orig_args=("$@")
ct=10,2,25; small=20,2,25; corpora=ct,small; targets=tessera,orthanc-stock,orthanc-quickack
reps=3; queries=20; par=4; orthanc_dicomweb=0; tessera_dir=""; work=/tmp/tessera-bench; results=""
while [ $# -gt 0 ]; do
    case "$1" in
        --ct) ct=$2; shift 2 ;;
        --small) small=$2; shift 2 ;;
        --corpora) corpora=$2; shift 2 ;;
        --targets) targets=$2; shift 2 ;;
        --reps) reps=$2; shift 2 ;;
        --queries) queries=$2; shift 2 ;;
        --parallel) par=$2; shift 2 ;;
        --orthanc-dicomweb) orthanc_dicomweb=1; shift ;;
        --tessera) tessera_dir=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        --results) results=$2; shift 2 ;;
        -h|--help) sed -n '2,33p' "$SELF"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
done
for s in "$ct" "$small"; do [[ "$s" =~ ^[1-9][0-9]*,[1-9][0-9]*,[1-9][0-9]*$ ]] || die "corpus shape S,E,I expected, got '$s'"; done
for n in "$reps" "$queries" "$par"; do [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "numeric option expected, got '$n'"; done
for t in ${targets//,/ }; do
    case "$t" in tessera|tessera-quickack|orthanc-stock|orthanc-quickack) ;; *) die "unknown target $t" ;; esac
done
for c in ${corpora//,/ }; do case "$c" in ct|small) ;; *) die "unknown corpus $c" ;; esac; done
[ "$(id -u)" = 0 ] || die "needs root (network namespaces, apt-get)"
has_target() { case ",$targets," in *",$1,"*) return 0 ;; esac; return 1; }

# ============================================================ set-up
need=()
command -v storescu >/dev/null || need+=(dcmtk)
[ -x /usr/sbin/Orthanc ] || need+=(orthanc)
[ -f /usr/share/orthanc/plugins/libOrthancDicomWeb.so ] || need+=(orthanc-dicomweb)
"$PY" -c 'import pydicom' 2>/dev/null || need+=(python3-pydicom)
"$PY" -c 'import numpy' 2>/dev/null || need+=(python3-numpy)
command -v jq >/dev/null || need+=(jq)
command -v curl >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
    log "installing ${need[*]} (Debian)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${need[@]}" >/dev/null || {
        apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y "${need[@]}" >/dev/null; } \
        || die "apt-get install ${need[*]} failed"
fi
# the packaged service must not run: it would listen on every interface
if pgrep -x Orthanc >/dev/null && [ -f /run/orthanc/orthanc.pid ]; then
    log "stopping the packaged Orthanc service"; service orthanc stop >/dev/null 2>&1 || true
fi

mkdir -p "$work"
ts=$(date -u +%Y%m%dT%H%M%SZ)
[ -n "$results" ] || results=$ROOT/benchmarks/results/archive-side-by-side-$ts
mkdir -p "$results"; results=$(cd "$results" && pwd)
runs=$work/results/archive-side-by-side-$ts   # full bench.sh output with logs (not in git)
mkdir -p "$runs"

pub=${tessera_dir:-$work/tessera-publish}
if [ -z "$tessera_dir" ]; then   # the server, and the client of cfind-inassoc and retrieve-ceiling for every target
    publish_tessera "$pub" "$runs/publish.log"
fi

declare -A CORPUS
for c in ${corpora//,/ }; do CORPUS[$c]=$(corpus_dir "$c"); done

# ============================================================ servers and namespaces
started=()   # "kind dir ns" of running servers, stopped on exit
namespaces=()
cleanup() {
    local rc=$? s kind dir ns
    for s in "${started[@]}"; do
        read -r kind dir ns <<< "$s"
        if [ "$kind" = orthanc ]; then "$SHARED/orthanc.sh" stop --dir "$dir" --netns "$ns" >/dev/null 2>&1 || true
        else bash "$SELF" tessera-ctl stop --dir "$dir" >/dev/null 2>&1 || true; fi
    done
    for ns in "${namespaces[@]}"; do "$SHARED/netns.sh" down "$ns" >/dev/null 2>&1 || true; done
    [ $rc = 0 ] || log "failed (exit $rc); partial results in $results, full logs in $runs"
}
trap cleanup EXIT

ns_up() {  # stock|quickack -> namespace name
    local ns=tb-arch-$1
    ip netns del "$ns" 2>/dev/null || true
    if [ "$1" = quickack ]; then "$SHARED/netns.sh" up --quickack "$ns" >/dev/null; else "$SHARED/netns.sh" up "$ns" >/dev/null; fi
    namespaces+=("$ns")
    echo "$ns"
}

bench_target() {  # target
    local target=$1 variant ns kind dir c port aec reset pidfile dw=() skip
    variant=${target#*-}; kind=${target%%-*}
    [ "$kind" = tessera ] && [ "$target" = tessera ] && variant=stock
    ns=$(ns_up "$variant")
    dir=$work/server-$target
    if [ "$kind" = orthanc ]; then
        rm -rf "$dir"
        "$SHARED/orthanc.sh" start --dir "$dir" --netns "$ns" > "$runs/$target.pid"
        started+=("orthanc $dir $ns")
        port=4242; aec=ORTHANC; pidfile=$dir/orthanc.pid
        reset="$SHARED/orthanc.sh reset --dir $dir"
        if [ "$orthanc_dicomweb" = 1 ]; then dw=(--dicomweb http://127.0.0.1:8042/dicom-web); skip=""; else skip=stow,qido,wado,metadata; fi
        cp "$dir/orthanc.json" "$results/$target.orthanc.json"
    else
        rm -rf "$dir"; mkdir -p "$dir"
        printf 'TESSERA=%q\nPORT=11112\nAET=TESSERA\n' "$pub/tessera" > "$dir/ctl.env"
        ip netns exec "$ns" bash "$SELF" tessera-ctl start --dir "$dir" > "$runs/$target.pid"
        started+=("tessera $dir $ns")
        port=11112; aec=TESSERA; pidfile=$dir/tessera.pid
        reset="bash $SELF tessera-ctl reset --dir $dir"
        skip=stow,qido,wado,metadata
    fi
    for c in ${corpora//,/ }; do
        log "bench.sh: $target on corpus $c"
        "$SHARED/bench.sh" --netns "$ns" --corpus "${CORPUS[$c]}" --label "$target-$c" \
            --host 127.0.0.1 --port "$port" --aec "$aec" "${dw[@]}" \
            --reps "$reps" --queries "$queries" --parallel "$par" \
            --reset-cmd "$reset" --target-pidfile "$pidfile" ${skip:+--skip "$skip"} \
            --out "$runs/$target-$c" > "$runs/$target-$c.txt" \
            || { mkdir -p "$results/$target-$c-FAILED"; tail -40 "$runs/$target-$c.txt" > "$results/$target-$c-FAILED/bench-output-tail.txt" 2>/dev/null || true
                 die "bench.sh failed on $target / $c: see $runs/$target-$c/logs and $runs/$target-$c.txt"; }
        mkdir -p "$results/$target-$c"
        cp "$runs/$target-$c"/{summary.txt,raw.tsv,env.txt} "$results/$target-$c/"
        log "C-FIND inside the association (findscu, tessera find --repeat): $target on corpus $c"
        ip netns exec "$ns" bash "$SELF" cfind-inassoc "$pub/tessera" "${CORPUS[$c]}" "$port" "$aec" "$queries" "$results/$target-$c" \
            || die "cfind-inassoc failed on $target / $c"
        log "C-MOVE ceiling of the harness: $target on corpus $c"
        ip netns exec "$ns" bash "$SELF" retrieve-ceiling "$pub/tessera" "${CORPUS[$c]}" "$port" "$aec" "$reps" "$results/$target-$c" \
            || die "retrieve-ceiling failed on $target / $c"
        # appended to the copy of bench.sh's summary so that compare.py reports them too
        cat "$results/$target-$c/"{inassoc,lean,ceiling}-summary.txt >> "$results/$target-$c/summary.txt"
    done
    if [ "$kind" = orthanc ]; then "$SHARED/orthanc.sh" stop --dir "$dir" --netns "$ns" >/dev/null
    else
        cp "$dir/serve.log" "$runs/$target.serve.log" 2>/dev/null || true
        bash "$SELF" tessera-ctl stop --dir "$dir"
    fi
    started=("${started[@]:0:${#started[@]}-1}")
    "$SHARED/netns.sh" down "$ns"
    namespaces=("${namespaces[@]:0:${#namespaces[@]}-1}")
}

{
    echo "date: $(date -Is)"
    echo "git: $(cd "$ROOT" && git rev-parse HEAD 2>/dev/null || echo '?') $(cd "$ROOT" && git status --porcelain 2>/dev/null | grep -q . && echo '(dirty)')"
    echo "command: $0 ${orig_args[*]}"
    echo "options: targets=$targets corpora=$corpora ct=$ct small=$small reps=$reps queries=$queries parallel=$par orthanc_dicomweb=$orthanc_dicomweb"
    echo "orthanc: $(/usr/sbin/Orthanc --version 2>/dev/null | head -1)"
    echo "tessera: $("$pub/tessera" --version 2>/dev/null | head -1)"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$results/run.txt"
t_start=$(date +%s)
for t in ${targets//,/ }; do bench_target "$t"; done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg); wall $(( $(date +%s) - t_start )) s" >> "$results/run.txt"

# ============================================================ comparison
for c in ${corpora//,/ }; do
    for ours in tessera tessera-quickack; do
        has_target "$ours" || continue
        for ref in orthanc-stock orthanc-quickack; do
            has_target "$ref" || continue
            "$PY" "$SHARED/compare.py" "$results/$ours-$c" "$results/$ref-$c" > "$results/compare-$c-$ours-vs-$ref.txt"
        done
    done
done
"$PY" - "$results" "$targets" "$corpora" "$par" "$ct" "$small" > "$results/summary.txt" <<'EOF'
import os, sys
res, targets, corpora, par = sys.argv[1], sys.argv[2].split(","), sys.argv[3].split(","), sys.argv[4]
# instances per study of each corpus (S,E,I: E series of I instances)
per_study = {c: int(shape.split(",")[1]) * int(shape.split(",")[2]) for c, shape in (("ct", sys.argv[5]), ("small", sys.argv[6]))}

def load(p):
    out = {}
    if not os.path.exists(p):
        return out
    for line in open(p):
        f = line.split()
        if len(f) >= 3 and not line.startswith("#"):
            try:
                out[f[0]] = float(f[1])
            except ValueError:
                pass
    return out

rows = [("C-STORE 1 assoc", "cstore_1assoc_rate", "inst/s"),
        ("C-STORE %s assoc" % par, "cstore_%sassoc_rate" % par, "inst/s"),
        ("C-FIND study by PatientID p50", "cfind_study_by_patientid_latency", "ms"),
        ("C-FIND study by name* p50", "cfind_study_by_name_wildcard_latency", "ms"),
        ("C-FIND study by date range p50", "cfind_study_by_date_range_latency", "ms"),
        ("C-FIND image in series p50", "cfind_image_in_series_latency", "ms"),
        ("  in assoc.: by PatientID p50", "cfind_study_by_patientid_inassoc_latency", "ms"),
        ("  in assoc.: by name* p50", "cfind_study_by_name_wildcard_inassoc_latency", "ms"),
        ("  in assoc.: by date range p50", "cfind_study_by_date_range_inassoc_latency", "ms"),
        ("  in assoc.: image in series p50", "cfind_image_in_series_inassoc_latency", "ms"),
        ("  lean client: by PatientID p50", "cfind_study_by_patientid_lean_latency", "ms"),
        ("  lean client: by name* p50", "cfind_study_by_name_wildcard_lean_latency", "ms"),
        ("  lean client: by date range p50", "cfind_study_by_date_range_lean_latency", "ms"),
        ("  lean client: image in series p50", "cfind_image_in_series_lean_latency", "ms"),
        ("  in assoc.: patient by PatientID p50", "cfind_patient_by_patientid_inassoc_latency", "ms"),
        ("  in assoc.: series in study p50", "cfind_series_in_study_inassoc_latency", "ms"),
        ("  lean client: patient by PatientID p50", "cfind_patient_by_patientid_lean_latency", "ms"),
        ("  lean client: series in study p50", "cfind_series_in_study_lean_latency", "ms"),
        ("  lean client: C-ECHO p50 (floor)", "cecho_lean_latency", "ms"),
        ("C-MOVE study", "cmove_study_rate", "inst/s"),
        ("C-GET study", "cget_study_rate", "inst/s"),
        ("  movescu with nothing to move", "ceiling_empty_move", "ms"),
        ("  storescp rate (tessera store)", "ceiling_receive_rate", "inst/s"),
        ("server written/inst (1 assoc)", "cstore_1assoc_server_written_per_inst", "KB"),
        ("server CPU/inst (1 assoc)", "cstore_1assoc_server_cpu_per_inst", "ms"),
        ("server CPU/inst (%s assoc)" % par, "cstore_%sassoc_server_cpu_per_inst" % par, "ms"),
        ("C-ECHO (echoscu process)", "cecho_latency", "ms")]
for c in corpora:
    s = {t: load(os.path.join(res, "%s-%s" % (t, c), "summary.txt")) for t in targets}
    print("corpus %s (medians)" % c)
    print("%-32s %s" % ("", "".join("%18s" % t for t in targets)))
    for name, m, unit in rows:
        print("%-32s %s  %s" % (name, "".join("%18s" % ("%.4g" % s[t][m] if m in s[t] else "-") for t in targets), unit))
    # the issue's targets: Tessera (stock TCP) against Orthanc with quickack
    ours, ref = s.get("tessera", {}), s.get("orthanc-quickack", {})
    if ours and ref:
        print("targets (tessera, stock TCP, vs orthanc-quickack):")
        def check(label, m, want, higher):
            if m not in ours or m not in ref or ref[m] == 0 or ours[m] == 0:
                print("  %-40s n/a" % label); return
            x = ours[m] / ref[m] if higher else ref[m] / ours[m]
            print("  %-40s %6.2fx (target %gx) %s" % (label, x, want, "MET" if x >= want else "not met"))
        check("C-STORE 1 assoc inst/s >= 2x", "cstore_1assoc_rate", 2, True)
        check("C-STORE %s assoc inst/s >= 2x" % par, "cstore_%sassoc_rate" % par, 2, True)
        for k in ("study_by_patientid", "study_by_name_wildcard", "study_by_date_range", "image_in_series"):
            check("C-FIND %s p50 <= 1/10" % k, "cfind_%s_latency" % k, 10, False)
            check("  in association <= 1/10", "cfind_%s_inassoc_latency" % k, 10, False)
            check("  lean client <= 1/10", "cfind_%s_lean_latency" % k, 10, False)
        for k in ("patient_by_patientid", "series_in_study"):   # levels bench.sh does not query: in association only
            check("C-FIND %s in assoc. <= 1/10" % k, "cfind_%s_inassoc_latency" % k, 10, False)
            check("  lean client <= 1/10", "cfind_%s_lean_latency" % k, 10, False)
        check("C-MOVE inst/s >= 2x", "cmove_study_rate", 2, True)
        check("C-GET inst/s >= 2x", "cget_study_rate", 2, True)
        # What bench.sh's C-MOVE leaves an archive at 2x Orthanc: a study of per_study instances must then take
        # per_study / (2 x Orthanc's rate); movescu with nothing to move (its process, association, answer, release)
        # takes the fixed part of that whatever the archive does.
        if "cmove_study_rate" in ref and "ceiling_empty_move" in ours:
            budget = 1000.0 * per_study[c] / (2 * ref["cmove_study_rate"])
            print("  %-40s %.1f ms per study of %d; movescu with nothing to move takes %.1f ms, storescp %.1f ms more to take %d instances" % (
                "C-MOVE at 2x leaves", budget, per_study[c], ours["ceiling_empty_move"], 1000.0 * per_study[c] / ours.get("ceiling_receive_rate", float("inf")), per_study[c]))
        if "cecho_lean_latency" in ours:
            print("  %-40s %.3f ms (C-ECHO round trip on the same client and association)" % ("C-FIND floor", ours["cecho_lean_latency"]))
    print()
EOF
cat "$results/summary.txt"
cat "$results/run.txt"
echo "results: $results (full bench.sh logs: $runs)"
