#!/usr/bin/env bash
# Reader speed side by side, in one run on one machine (issue: toolkit speed targets):
#  1. in-process parse time per file, Tessera vs pydicom, on a 512x512 CT (header only / whole)
#     and on every readable corpus file;
#  2. whole-process "read and print" time, `tessera dump` vs DCMTK `dcmdump`, with many files per
#     process so that start-up is amortised.
# Needs: the .NET SDK, python3-pydicom and dcmtk (Debian). Writes a TSV to benchmarks/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-/usr/bin/python3}
work=$(mktemp -d /tmp/tessera-parse-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p benchmarks/results
out=benchmarks/results/parse-side-by-side-$(date -u +%Y%m%dT%H%M%SZ).tsv

dotnet build benchmarks/Tessera.Benchmarks -c Release --nologo -v q >/dev/null
dotnet build src/Tessera.Cli -c Release --nologo -v q >/dev/null
ct512=$work/ct512.dcm
corpus=$(ls tests/data/corpus/*.dcm tests/data/corpus/dicomdir_pydicom | grep -v -e truncated -e no_meta -e tooshort)

{
  printf 'reader\tmeasure\tfiles\tus_per_file\tallocated\n'
  dotnet benchmarks/Tessera.Benchmarks/bin/Release/net10.0/Tessera.Benchmarks.dll side-by-side "$ct512"
  # shellcheck disable=SC2086
  "$python" benchmarks/pydicom_parse.py "$ct512" $corpus
} | tee "$work/inprocess.tsv"

# Whole-process comparison: the same argument list for both tools, files repeated to amortise start-up.
repeat() { local n=$1; shift; for _ in $(seq "$n"); do printf '%s\n' "$@"; done; }
mapfile -t ct_args < <(repeat 1000 "$ct512")
mapfile -t corpus_args < <(repeat 10 $corpus)
tessera="dotnet src/Tessera.Cli/bin/Release/net10.0/tessera.dll"
time_it() { local start end; start=$(date +%s%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s%N); echo $(( (end - start) / 1000 )); }
{
  for tool in dcmdump tessera; do
    for set in ct corpus; do
      if [ $set = ct ]; then args=("${ct_args[@]}"); else args=("${corpus_args[@]}"); fi
      if [ $tool = dcmdump ]; then us=$(time_it dcmdump -q "${args[@]}"); else us=$(time_it $tessera dump "${args[@]}"); fi
      printf '%s\tdump-%s\t%d\t%.1f\t-\n' "$tool" "$set" "${#args[@]}" "$(echo "$us / ${#args[@]}" | bc -l)"
    done
  done
} | tee "$work/process.tsv"

cat "$work/inprocess.tsv" "$work/process.tsv" > "$out"
echo
echo "ratios (other / tessera, higher is better for Tessera):"
"$python" - "$out" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
tessera = {r["measure"]: float(r["us_per_file"]) for r in rows if r["reader"] == "tessera"}
for r in rows:
    if r["reader"] != "tessera" and r["measure"] in tessera:
        other = float(r["us_per_file"])
        print(f"  {r['measure']:<14} {r['reader']:<8} {other:10.1f} us vs {tessera[r['measure']]:8.1f} us = {other / tessera[r['measure']]:.1f}x")
PY
echo "results: $out"
