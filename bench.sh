#!/usr/bin/env bash
# Runs the benchmarks (see docs/benchmarks.md) and writes the tables to artifacts/benchmarks/<suite>.md.
#   ./bench.sh                      every suite: per-step cost, generator, analyzers
#   ./bench.sh --short              3 warmup + 3 measured iterations each: a few minutes on 2 cores
#   ./bench.sh steps --filter '*OneCycle*'   one suite (steps | generator | analyzers), some benchmarks
# Through scripts/dotnet.sh (TorchSharp's natives), UseAppHost=false so the app runs under its muxer;
# BenchmarkDotNet runs in-process, so nothing starts another dotnet.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
exec scripts/dotnet.sh run -c Release --project tests/ScheduleDsl.Benchmarks -p:UseAppHost=false -- "$@"
