#!/usr/bin/env bash
# The archive's speed and scale figures (issue 5): index ingest rate at 10k and at N instances,
# study-level C-FIND by PatientID and by PatientName wildcard, index and written bytes per
# instance, and the real ingest path (CT 512x512, 1 and 4 concurrent). Writes
# benchmarks/results/archive-scale-<UTC>.tsv. The data goes to a folder on the repository's disk
# (not /tmp, which may be tmpfs, where fsync is free).
#   benchmarks/archive-scale.sh                 # 1,000,000 instances, 300 ingests per concurrency
#   benchmarks/archive-scale.sh --instances 100000 --ingest 100
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build benchmarks/Tessera.Benchmarks -c Release -v quiet -nologo >/dev/null
exec dotnet benchmarks/Tessera.Benchmarks/bin/Release/net10.0/Tessera.Benchmarks.dll archive-scale "$@"
