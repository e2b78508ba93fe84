# Sourced by the archive benchmarks (archive-side-by-side.sh, bytes-per-instance.sh) once they have set SELF and ROOT:
# the shared harness's folder, Debian's python, messages named after the script, the Release publish of `tessera`, and
# the two corpora they share.
SHARED=${TESSERA_BENCH_SHARED:-$ROOT/../shared/bench}
PY=${PYTHON:-/usr/bin/python3}
die() { echo "$(basename "$SELF"): FAIL: $*" >&2; exit 1; }
log() { echo "$(basename "$SELF"): $(date +%T) $*" >&2; }

publish_tessera() {  # DIR LOG: `dotnet publish` of the CLI (native, what a release ships) into DIR
    log "publishing tessera (Release) to $1"
    rm -rf "$1"
    dotnet publish "$ROOT/src/Tessera.Cli" -c Release -r linux-x64 -o "$1" --nologo -v q > "$2" 2>&1 \
        || { tail -20 "$2" >&2; die "dotnet publish failed"; }
}

# The corpora, made once with the shared harness's make_corpus.py and kept under the work folder:
#   corpus_dir ct|small    prints the folder of that corpus, made when missing, for the shapes in $ct and $small
#                          (S,E,I: S studies x E series x I instances) under $work; make_corpus.py's log is
#                          $work/make_corpus-KIND.log
corpus_dir() {  # ct|small -> folder
    local kind=$1 shape s e i dir extra=() seed=1
    if [ "$kind" = ct ]; then shape=$ct; else shape=$small; extra=(--small); seed=2; fi
    IFS=, read -r s e i <<< "$shape"
    dir=$work/corpus-$kind-$s-$e-$i
    if [ ! -f "$dir/manifest.tsv" ]; then
        log "making corpus $kind: $s studies x $e series x $i instances in $dir"
        rm -rf "$dir.tmp"
        "$PY" "$SHARED/make_corpus.py" --out "$dir.tmp" --studies "$s" --series-per-study "$e" \
            --instances-per-series "$i" --seed "$seed" "${extra[@]}" >/dev/null 2>"$work/make_corpus-$kind.log" \
            || { tail -5 "$work/make_corpus-$kind.log" >&2; die "make_corpus.py failed"; }
        mv "$dir.tmp" "$dir"
    fi
    echo "$dir"
}
