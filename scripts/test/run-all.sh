#!/usr/bin/env bash
# npm test: every test the project has, in order of cost. Unit tests, then a production build,
# then integration tests (SQLite and PostgreSQL, real server), then end-to-end tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/../.."
export NEXT_TELEMETRY_DISABLED=1
echo "== typecheck"; npx tsc --noEmit -p .
echo "== schema drift"; node scripts/db/sync-postgres-schema.mjs --check
echo "== unit tests"; npx vitest run
echo "== production build"; npx next build
echo "== integration tests (SQLite + PostgreSQL)"; npx vitest run -c vitest.int.config.mts
echo "== end-to-end tests (Chromium)"; npx playwright test
