#!/usr/bin/env bash
# npm test: every check the project has, in order of cost: type check, lint, schema drift, unit tests, a production
# build, integration tests (SQLite and PostgreSQL, real server), end-to-end tests in Chromium.
# Every phase runs even when an earlier one failed (so one run shows everything that is wrong), except the two that
# need the build when the build failed. The run ends with a table of phases (seconds, passed, failed, skipped, counted
# from the runners' JSON reports) and a line with the totals; the exit status is non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
export NEXT_TELEMETRY_DISABLED=1 FORCE_COLOR=0 NO_COLOR=1
reports=$(mktemp -d)
trap 'rm -rf "$reports"' EXIT

rows=()
any_failed=0
total_passed=0 total_failed=0 total_skipped=0

# phase NAME KIND COMMAND...: KIND is "check" (pass or fail by exit status) or vitest/playwright (counted from the
# JSON report the command writes to $PHASE_REPORT).
phase() {
  local name=$1 kind=$2
  shift 2
  export PHASE_REPORT="$reports/${name// /-}.json"
  echo
  echo "== $name"
  local start=$SECONDS rc=0
  "$@" || rc=$?
  local seconds=$((SECONDS - start)) passed=- failed=- skipped=- result=ok
  if [ "$kind" = check ]; then
    [ $rc -eq 0 ] || result="FAILED (exit $rc)"
  else
    read -r passed failed skipped < <(node scripts/test/count-results.mjs "$kind" "$PHASE_REPORT" "$rc")
    total_passed=$((total_passed + passed)) total_failed=$((total_failed + failed)) total_skipped=$((total_skipped + skipped))
    [ "$failed" -eq 0 ] || result=FAILED
  fi
  [ "$result" = ok ] || any_failed=1
  rows+=("$(printf '%-22s %7s %7s %7s %7s  %s' "$name" "$seconds" "$passed" "$failed" "$skipped" "$result")")
  return $rc
}

not_run() {
  rows+=("$(printf '%-22s %7s %7s %7s %7s  %s' "$1" - - - - "NOT RUN ($2)")")
  any_failed=1
}

# next typegen writes the route types (.next/types) that next build would check, so this one tsc covers them and
# the build skips its own type check (next.config.js).
phase "type check" check bash -c 'npx next typegen >/dev/null && npx tsc --noEmit -p .'
phase "lint" check npm run -s lint
phase "schema drift" check node scripts/db/sync-postgres-schema.mjs --check
phase "unit tests" vitest bash -c 'npx vitest run --reporter=default --reporter=json --outputFile.json="$PHASE_REPORT"'
if phase "production build" check npx next build; then
  phase "integration tests" vitest bash -c 'npx vitest run -c vitest.int.config.mts --reporter=default --reporter=json --outputFile.json="$PHASE_REPORT"'
  phase "end-to-end tests" playwright bash -c 'PLAYWRIGHT_JSON_OUTPUT_FILE="$PHASE_REPORT" npx playwright test --reporter=list,json'
else
  not_run "integration tests" "no build"
  not_run "end-to-end tests" "no build"
fi

echo
printf '%-22s %7s %7s %7s %7s  %s\n' phase seconds passed failed skipped result
printf '%s\n' "${rows[@]}"
echo "tests: ${total_passed} passed, ${total_failed} failed, ${total_skipped} skipped; ${SECONDS} s in all"
exit $any_failed
