#!/usr/bin/env bash
# scripts/mutation.sh — mutation testing with Stryker.NET (docs/testing.md). Not part of CI: minutes to hours a project.
#   scripts/mutation.sh core|generator|analyzers|all [extra dotnet-stryker options]
# e.g. while iterating on one folder:
#   scripts/mutation.sh core --mutate '**/Families/Cyclic.cs'
# Reports (HTML and JSON) go to artifacts/mutation/<project>/ (git-ignored); the score of each project is printed
# at the end. Concurrency: SDL_MUTATION_CONCURRENCY (default 1: the machines are shared), run at nice 10.
# SDL_MUTATION_TEST_FILTER: only the tests matching this dotnet test --filter expression judge the mutants.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
run_dotnet() { nice -n 10 "$repo/scripts/dotnet.sh" "$@"; }
concurrency=${SDL_MUTATION_CONCURRENCY:-1}

target=${1:-}
[[ $target =~ ^(core|generator|analyzers|all)$ ]] || { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
shift
targets=("$target")
[[ $target == all ]] && targets=(core generator analyzers)

# The project each target mutates and the test project that judges its mutants.
project_of() {
  case $1 in
    core) echo "src/ScheduleDsl/ScheduleDsl.csproj tests/ScheduleDsl.Tests" ;;
    generator) echo "generator/ScheduleDsl.Generator/ScheduleDsl.Generator.csproj tests/ScheduleDsl.Generator.Tests" ;;
    analyzers) echo "analyzers/ScheduleDsl.Analyzers/ScheduleDsl.Analyzers.csproj tests/ScheduleDsl.Analyzers.Tests" ;;
  esac
}

cd "$repo"
run_dotnet tool restore >/dev/null # the tool manifest (.config/dotnet-tools.json) pins dotnet-stryker

for t in "${targets[@]}"; do
  read -r project tests <<<"$(project_of "$t")"
  output="$repo/artifacts/mutation/$t"
  rm -rf "$output" "$output.log"
  mkdir -p "$output"
  echo "== mutating $project, judged by $tests (concurrency $concurrency)"
  # --target-framework: the core is multi-targeted (every target references it); the test projects run on net10.0.
  extra=()
  extra+=(--target-framework net10.0)
  # Every generator test runs the whole generator, so each mutant pays for all of them. Left out of the judge: the
  # property tests (Properties/: thousands of random declarations, minutes a run), BitForBitTests and
  # LanguageVersionTests (they compile and load the generated code: two thirds of the rest's time). They all run in
  # CI; leaving tests out can only lower the score, so the one measured is a lower bound, and a whole run fits in
  # about 45 minutes instead of about 4 hours on two cores. SDL_MUTATION_TEST_FILTER replaces the filter (a dotnet
  # test --filter expression), e.g. 'FullyQualifiedName!~Properties.' to judge by everything else.
  filter=${SDL_MUTATION_TEST_FILTER:-}
  [[ -z $filter && $t == generator ]] &&
    filter='FullyQualifiedName!~ScheduleDsl.Generator.Tests.Properties.&FullyQualifiedName!~BitForBitTests&FullyQualifiedName!~LanguageVersionTests'
  [[ -n $filter ]] && extra+=(--test-case-filter "$filter")
  # The full log (with the clear-text table of every file) stays in $output.log. Each target builds into its own
  # artifacts folder (Directory.Build.props), so a run never races another build of the tree.
  (cd "$tests" && export SDL_ARTIFACTS="mutation-build/$t" && run_dotnet stryker --project "$repo/$project" --concurrency "$concurrency" \
    --reporter html --reporter json --reporter cleartext --reporter progress \
    --output "$output" "${extra[@]}" "$@") >"$output.log" 2>&1 || echo "$t: dotnet-stryker failed (see $output.log)"
  # The score line Stryker prints, e.g. "The final mutation score is 91.23 %".
  score=$(grep -aoE 'final mutation score is [0-9.]+ ?%' "$output.log" | tail -n 1 || true)
  echo "$t: ${score:-no score (see $output.log)}"
done
