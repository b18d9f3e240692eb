#!/usr/bin/env bash
# npm test: every test the project has, in order of cost. Typecheck and lint, unit tests, then a production build,
# then integration tests (SQLite and PostgreSQL, real server), then end-to-end tests in Chromium.
# Ends with one line "tests: N passed, 0 failed" summing every runner (any failure stops the run non-zero).
set -euo pipefail
cd "$(dirname "$0")/../.."
export NEXT_TELEMETRY_DISABLED=1 FORCE_COLOR=0 NO_COLOR=1
log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "== typecheck"; npx tsc --noEmit -p .
echo "== lint (Biome)"; npx biome lint .
echo "== schema drift"; node scripts/db/sync-postgres-schema.mjs --check
echo "== unit tests"; npx vitest run 2>&1 | tee -a "$log"
echo "== production build"; npx next build
echo "== integration tests (SQLite + PostgreSQL)"; npx vitest run -c vitest.int.config.mts 2>&1 | tee -a "$log"
echo "== end-to-end tests (Chromium)"; npx playwright test 2>&1 | tee -a "$log"

# vitest prints "Tests  305 passed (305)", Playwright "  10 passed (55.7s)".
passed=$(sed -E 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^\s*(Tests\s+)?[0-9]+ passed' | grep -oE '[0-9]+ passed' | awk '{s += $1} END {print s + 0}')
echo "tests: ${passed} passed, 0 failed"
