#!/usr/bin/env bash
# Runs every test of the solution (see README). Prepares what it needs by itself.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
exec scripts/dotnet.sh test ScheduleDsl.sln -c Release "$@"
