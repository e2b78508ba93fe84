#!/usr/bin/env bash
# Installs what the tests need when it is missing (Debian packages, as root), then runs every test.
# A fresh machine needs only the .NET SDK; CI (.ci/run) calls exactly this script.
set -euo pipefail
cd "$(dirname "$0")"

# Third-party peers the interop and conformance tests talk to: command -> Debian package.
declare -A needed=(
  [dcmdump]=dcmtk
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

dotnet test Tessera.sln --configuration Release --nologo "$@"
