#!/usr/bin/env bash
# Rebuilds Tessera.sln from every project in the tree. Parallel branches each add projects, and
# .sln merges conflict textually; regenerating is simpler and always right.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f Tessera.sln
dotnet new sln --name Tessera --format sln >/dev/null
find src tests tools $(ls -d benchmarks 2>/dev/null) -name '*.csproj' -not -path '*/bin/*' -not -path '*/obj/*' | sort | xargs dotnet sln Tessera.sln add >/dev/null
echo "Tessera.sln: $(grep -c '^Project(' Tessera.sln) entries"
