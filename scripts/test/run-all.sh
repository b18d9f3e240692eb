#!/usr/bin/env bash
# npm test: every check the project has, in order of cost: type check, lint, schema drift, unit tests, a production
# build, then integration tests (SQLite and PostgreSQL, real server) and end-to-end tests in Chromium side by side.
# Every phase runs even when an earlier one failed (so one run shows everything that is wrong), except the two that
# need the build when the build failed. The run ends with a table of phases (seconds, passed, failed, skipped, counted
# from the runners' JSON reports) and a line with the totals; the exit status is non-zero if anything failed.
#
# Integration and end-to-end tests run at the same time: each spends most of its wall time waiting (on servers it
# started, on bake times and leases, on the browser), so on two cores the two together take little more than the
# longer one. Each writes its output to its own log, printed whole when both are done. TIDEGATE_TEST_SERIAL=1 runs
# them one after the other, streaming, as before.
set -uo pipefail
cd "$(dirname "$0")/../.."
export NEXT_TELEMETRY_DISABLED=1 FORCE_COLOR=0 NO_COLOR=1
reports=$(mktemp -d)
trap 'rm -rf "$reports"' EXIT
start_all=$SECONDS

# phase NAME KIND COMMAND...: KIND is "check" (pass or fail by exit status) or vitest/playwright (counted from the
# JSON report the command writes to $PHASE_REPORT). The phase's row goes to $reports/NN.row (NN: its order), so
# phases run in the background report like the others.
order=0
phase() {
  local name=$1 kind=$2
  shift 2
  order=$((order + 1))
  local row_file
  row_file=$(printf '%s/%02d.row' "$reports" "$order")
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
    [ "$failed" -eq 0 ] || result=FAILED
  fi
  printf '%-22s %7s %7s %7s %7s  %s\n' "$name" "$seconds" "$passed" "$failed" "$skipped" "$result" > "$row_file"
  return $rc
}

not_run() {
  order=$((order + 1))
  printf '%-22s %7s %7s %7s %7s  %s\n' "$1" - - - - "NOT RUN ($2)" > "$(printf '%s/%02d.row' "$reports" "$order")"
}

integration() {
  phase "integration tests" vitest bash -c 'npx vitest run -c vitest.int.config.mts --reporter=default --reporter=json --outputFile.json="$PHASE_REPORT"'
}
end_to_end() {
  phase "end-to-end tests" playwright bash -c 'PLAYWRIGHT_JSON_OUTPUT_FILE="$PHASE_REPORT" npx playwright test --reporter=list,json'
}

# next typegen writes the route types (.next/types) that next build would check, so this one tsc covers them and
# the build skips its own type check (next.config.js).
phase "type check" check bash -c 'npx next typegen >/dev/null && npx tsc --noEmit -p .'
phase "lint" check npm run -s lint
phase "schema drift" check node scripts/db/sync-postgres-schema.mjs --check
phase "unit tests" vitest bash -c 'npx vitest run --reporter=default --reporter=json --outputFile.json="$PHASE_REPORT"'
if phase "production build" check npx next build; then
  if [ "${TIDEGATE_TEST_SERIAL:-0}" = 1 ]; then
    integration
    end_to_end
  else
    echo
    echo "== integration and end-to-end tests, side by side (each one's output follows when both are done)"
    together=$SECONDS
    (integration) > "$reports/integration.log" 2>&1 &
    int_pid=$!
    order=$((order + 1))
    (end_to_end) > "$reports/e2e.log" 2>&1 &
    e2e_pid=$!
    wait $int_pid
    wait $e2e_pid
    cat "$reports/integration.log" "$reports/e2e.log"
    order=$((order + 1))
    printf '%-22s %7s %7s %7s %7s  %s\n' "  (both, side by side)" $((SECONDS - together)) "" "" "" "wall time" > "$(printf '%s/%02d.row' "$reports" "$order")"
  fi
else
  not_run "integration tests" "no build"
  not_run "end-to-end tests" "no build"
fi

echo
printf '%-22s %7s %7s %7s %7s  %s\n' phase seconds passed failed skipped result
any_failed=0 total_passed=0 total_failed=0 total_skipped=0
for row_file in "$reports"/*.row; do
  row=$(cat "$row_file")
  echo "$row"
  case "$row" in *"NOT RUN"* | *FAILED*) any_failed=1 ;; esac
  # Counted columns (digits) add up; "-" and blanks do not.
  read -r _ _ passed failed skipped _ < <(echo "$row" | sed -E 's/^(.{22})/x/' | awk '{print $1, $2, $3, $4, $5, $6}')
  [[ "$passed" =~ ^[0-9]+$ ]] && total_passed=$((total_passed + passed))
  [[ "$failed" =~ ^[0-9]+$ ]] && total_failed=$((total_failed + failed))
  [[ "$skipped" =~ ^[0-9]+$ ]] && total_skipped=$((total_skipped + skipped))
done
# A phase that never wrote its row (killed before the end) is a failure too.
[ "$(ls "$reports"/*.row | wc -l)" -ge "$order" ] || any_failed=1
echo "tests: ${total_passed} passed, ${total_failed} failed, ${total_skipped} skipped; $((SECONDS - start_all)) s in all"
exit $any_failed
