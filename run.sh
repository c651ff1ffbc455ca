#!/usr/bin/env bash
# The main job: runs the main sample (see README). Prepares what it needs by itself.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
# UseAppHost=false: run through scripts/dotnet.sh's (possibly patched) muxer, see that script.
exec scripts/dotnet.sh run --project samples/ScheduleDsl.Samples.Training -c Release -p:UseAppHost=false -- "$@"
