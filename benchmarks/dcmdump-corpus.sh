#!/bin/sh
# DCMTK's dcmdump on the files the Tessera reader benchmark reads, for a side-by-side figure:
# wall time of one dcmdump process per file (process start-up included, output discarded).
# Usage: benchmarks/dcmdump-corpus.sh [tests/data/corpus]
corpus=${1:-tests/data/corpus}
files=$(ls "$corpus"/*.dcm "$corpus"/dicomdir_pydicom | grep -v -e truncated -e no_meta)
count=$(echo "$files" | wc -l)
/usr/bin/time -f "dcmdump whole corpus ($count files): %e s wall, %M KB max RSS (last process)" \
    sh -c "for f in $(echo $files); do dcmdump -q +L \"\$f\" > /dev/null 2>&1; done"
