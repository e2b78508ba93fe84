#!/usr/bin/env bash
# Installs what the tests need when it is missing (Debian packages, as root), then runs every test.
# A fresh machine needs only the .NET SDK; CI (.ci/run) calls exactly this script.
set -euo pipefail
cd "$(dirname "$0")"

# Third-party peers the interop and conformance tests talk to: command -> Debian package.
declare -A needed=(
  [dcmdump]=dcmtk
  [storescu]=dcmtk
  [storescp]=dcmtk
  [echoscu]=dcmtk
  [clang]=clang # NativeAOT's compiler driver and linker, for tests/native-smoke.sh
)

missing=()
for command in "${!needed[@]}"; do
  command -v "$command" >/dev/null 2>&1 || missing+=("${needed[$command]}")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "test.sh: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "test.sh: missing ${missing[*]}; run as root or: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

# The second, independent DIMSE peer (dcmjs-dimse) of tests/Tessera.Interop.Tests: pinned by
# tests/interop/package-lock.json; npm ci needs only the npm registry.
if [ ! -d tests/interop/node_modules ]; then
  if command -v npm >/dev/null 2>&1; then
    (cd tests/interop && npm ci --no-audit --no-fund --loglevel=error)
  else
    echo "test.sh: npm is missing (Node.js >= 18 with npm is needed for tests/interop)" >&2
    exit 1
  fi
fi

dotnet test Tessera.sln --configuration Release --nologo "$@"

# dotnet test builds only the test projects: the benchmarks (benchmarks/README.md) must compile too (one did not, unseen,
# for a session).
dotnet build benchmarks/Tessera.Benchmarks --configuration Release --nologo --verbosity quiet

# The published form (one native executable, NativeAOT) driven end to end; the suite above runs JIT-compiled code.
tests/native-smoke.sh
