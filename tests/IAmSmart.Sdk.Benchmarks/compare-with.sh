#!/usr/bin/env bash
# Compares the per-call overhead of the working tree with an earlier revision: runs CallOverheadBenchmarks on each,
# alternately (before, after, before, after, ...). On a shared VM absolute figures drift from run to run, so two builds
# are only comparable in alternating runs; read the Ratio column (call ÷ crypto baseline) first. See docs/benchmarks.md.
#
# The working tree's CallOverheadBenchmarks.cs is copied onto the earlier revision, so both measure the same thing; a
# revision whose internals it cannot compile against cannot be compared this way.
#
# Usage: tests/IAmSmart.Sdk.Benchmarks/compare-with.sh <revision> [rounds, default 2]
set -euo pipefail

revision=${1:?usage: compare-with.sh <revision> [rounds]}
rounds=${2:-2}
root=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$work/before" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

git -C "$root" worktree add --detach --quiet "$work/before" "$revision"
cp "$root/tests/IAmSmart.Sdk.Benchmarks/CallOverheadBenchmarks.cs" "$work/before/tests/IAmSmart.Sdk.Benchmarks/"

run() {
  local tree=$1 label=$2
  (cd "$tree" && dotnet run -c Release --project tests/IAmSmart.Sdk.Benchmarks -- --filter '*CallOverheadBenchmarks*') \
    | grep -E '^\| ' | sed "s/^/$label /"
}

for round in $(seq "$rounds"); do
  run "$work/before" "before-$round"
  run "$root" "after-$round"
done
