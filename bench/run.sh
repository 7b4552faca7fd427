#!/usr/bin/env bash
# Portico benchmarks, side by side in one run: direct to an nginx 1 KB upstream, nginx as a keep-alive
# reverse proxy, plain Spring Cloud Gateway (bench/plain-scg, same versions) and Portico (admin + one
# gateway on the PostgreSQL database `bench`). The system under test runs on CPU 0, wrk, the upstream
# and the admin on CPU 1. Writes bench/results/<UTC date>.json and regenerates the benchmark sections of
# docs/benchmarks.md and docs/benchmarks-throughput.svg.
#
#   bench/run.sh              full run (warm-up in 10 s windows until stable, at most 300 s; 3 x 10 s per
#                             measurement; ~45-60 min)
#   bench/run.sh --quick      smoke run (3 s windows, at most 45 s; 2 x 3 s; ~15 min): proves the harness only
#   bench/run.sh --skip-build reuse the jars already in */target
#   bench/run.sh --no-docs    measure only; leave docs/ alone
#   BENCH_SCALES=1000,10000 BENCH_MEMORY_SCALES=0,1000,10000,50000 override the route counts
#   PORTICO_JARS_DIR=/path/to/checkout bench/run.sh --skip-build   use the jars built in another checkout
#                             (e.g. from a git worktree that has no build of its own)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
QUICK=""; BUILD=1; DOCS=1
for arg in "$@"; do
	case "$arg" in
		--quick) QUICK="--quick" ;;
		--skip-build) BUILD=0 ;;
		--no-docs) DOCS=0 ;;
		*) echo "unknown option: $arg" >&2; exit 2 ;;
	esac
done

if [ "$(nproc)" -lt 2 ]; then
	echo "needs at least 2 CPUs (system under test on CPU 0, load generator on CPU 1)" >&2
	exit 1
fi

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || need+=(nginx-light)
command -v taskset >/dev/null || need+=(util-linux)
command -v psql >/dev/null || need+=(postgresql-client)
command -v jcmd >/dev/null || echo "jcmd/jstat missing: install a full JDK 17" >&2
if [ ${#need[@]} -gt 0 ]; then
	SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
	$SUDO apt-get update
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "${need[@]}"
fi

JARS="${PORTICO_JARS_DIR:-$ROOT}"
if [ "$JARS" != "$ROOT" ] && [ "$BUILD" -eq 1 ]; then
	echo "PORTICO_JARS_DIR=$JARS: jars are not built here; add --skip-build" >&2
	exit 2
fi
if [ "$BUILD" -eq 1 ]; then
	./mvnw -q -ntp -DskipTests package
fi
if [ "$JARS" = "$ROOT" ] && { [ "$BUILD" -eq 1 ] || [ ! -f bench/plain-scg/target/bench-plain-scg-0.1.0-SNAPSHOT-exec.jar ]; }; then
	./mvnw -q -ntp -f bench/plain-scg/pom.xml -DskipTests package
fi

# A fresh `bench` database every run, so that route counts start from zero (the admin migrates it).
PSQL=(psql -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" -d postgres -v ON_ERROR_STOP=1 -qAt)
"${PSQL[@]}" -c "DROP DATABASE IF EXISTS bench WITH (FORCE)"
"${PSQL[@]}" -c "CREATE DATABASE bench"

DATE=$(date -u +%Y-%m-%dT%H%M%SZ)
OUT="bench/results/${DATE}${QUICK:+-quick}.json"
WORK="${TMPDIR:-/tmp}/portico-bench-$DATE"
mkdir -p bench/results "$WORK"
echo "results: $OUT   logs: $WORK"
status=0
python3 bench/bench.py $QUICK --out "$OUT" --workdir "$WORK" \
	${BENCH_SCALES:+--scales "$BENCH_SCALES"} ${BENCH_MEMORY_SCALES:+--memory-scales "$BENCH_MEMORY_SCALES"} || status=$?
if [ "$DOCS" -eq 1 ] && [ -f "$OUT" ]; then
	python3 bench/report.py "$OUT" --docs docs/benchmarks.md --svg docs/benchmarks-throughput.svg
fi
exit $status
