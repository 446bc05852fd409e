#!/usr/bin/env bash
# Runs ROPA Desk's performance benchmarks (issue 8) on one core and prints
# one table: operation, median time per op over COUNT runs, memory and
# allocations per op, the target, and pass or MISS.
#
#   scripts/bench.sh                 # 5 runs each (takes a few minutes)
#   COUNT=3 scripts/bench.sh
#   BENCH=PDF scripts/bench.sh       # only benchmarks matching a regexp
#   OUT=bench.out scripts/bench.sh   # keep the raw go test output
#
# The machine's load skews the figures: the script prints it (uptime) before
# and after. Set STRICT=1 to exit with status 1 when a target is missed.
set -euo pipefail
cd "$(dirname "$0")/.."

GO=${GO:-go}
COUNT=${COUNT:-5}
BENCH=${BENCH:-.}
BENCHTIME=${BENCHTIME:-1s}
OUT=${OUT:-$(mktemp "${TMPDIR:-/tmp}/ropa-bench.XXXXXX")}
PACKAGES="./model ./store ./exchange ./report"

echo "load before: $(uptime)"
# -cpu 1: the targets are for one core of the reference machine.
# A benchmark that fails or panics fails the script: its figures would be
# missing from the table, which must not read as a pass.
status=0
$GO test -run '^$' -bench "$BENCH" -benchmem -count "$COUNT" -cpu 1 \
	-benchtime "$BENCHTIME" -timeout 30m $PACKAGES >"$OUT" 2>&1 || status=$?
grep -E '^(ok|FAIL|---|panic)' "$OUT" || :
if [[ $status -ne 0 ]]; then
	echo "bench: go test failed (exit $status); see $OUT" >&2
	exit "$status"
fi
echo "load after:  $(uptime)"
echo "raw output:  $OUT"
echo
strict=
if [[ "${STRICT:-}" == 1 ]]; then strict=-strict; fi
$GO run ./internal/benchtable $strict <"$OUT"
