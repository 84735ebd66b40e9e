#!/usr/bin/env bash
# Compares the working tree with an earlier revision on one benchmark class (CallOverheadBenchmarks unless told),
# alternately (before, after, before, after, ...). On a shared VM absolute figures drift from run to run, so two builds
# are only comparable in alternating runs; read the Ratio column (against the class's baseline) first. See
# docs/benchmarks.md.
#
# The working tree's file of that class is copied onto the earlier revision, so both measure the same thing; a revision
# whose API it cannot compile against cannot be compared this way.
#
# Usage: tests/IAmSmart.Sdk.Benchmarks/compare-with.sh <revision> [rounds, default 2] [class, default CallOverheadBenchmarks] [BenchmarkDotNet arguments...]
# e.g.   compare-with.sh a11c97f 2 PdfSigningBenchmarks --inProcess --warmupCount 2 --iterationCount 7 --launchCount 1
set -euo pipefail

revision=${1:?usage: compare-with.sh <revision> [rounds] [class] [BenchmarkDotNet arguments...]}
rounds=${2:-2}
class=${3:-CallOverheadBenchmarks}
shift $(( $# < 3 ? $# : 3 ))
extra=("$@")
root=$(git rev-parse --show-toplevel)
benchmarks="$root/tests/IAmSmart.Sdk.Benchmarks"
[[ -f "$benchmarks/$class.cs" ]] || { echo "no benchmark file $class.cs in $benchmarks" >&2; exit 2; }
work=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$work/before" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

git -C "$root" worktree add --detach --quiet "$work/before" "$revision"
cp "$benchmarks/$class.cs" "$work/before/tests/IAmSmart.Sdk.Benchmarks/"

run() {
  local tree=$1 label=$2
  (cd "$tree" && dotnet run -c Release --project tests/IAmSmart.Sdk.Benchmarks -- --filter "*$class*" "${extra[@]}") \
    | grep -E '^\| ' | sed "s/^/$label /"
}

for round in $(seq "$rounds"); do
  run "$work/before" "before-$round"
  run "$root" "after-$round"
done
