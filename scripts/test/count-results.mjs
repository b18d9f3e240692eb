#!/usr/bin/env node
// Reads a test runner's JSON report and prints "passed failed skipped" for npm test's phase table.
// Usage: count-results.mjs vitest|playwright <report.json> <runner exit code>
// A runner can fail without a failed test (a file that does not load, an error outside any test, a global setup that
// throws, a crash before the report is written): each such failure counts as one, so a red run never shows 0 failed.
import { existsSync, readFileSync } from "node:fs";

const [kind, file, exitArg] = process.argv.slice(2);
const exitCode = Number(exitArg ?? 0);

function vitest(report) {
  const files = report.testResults ?? [];
  // A file that failed with no failed test in it did not load or threw outside its tests.
  const brokenFiles = files.filter((f) => f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed")).length;
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + brokenFiles,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

function playwright(report) {
  const stats = report.stats ?? {};
  return {
    passed: stats.expected ?? 0,
    // "flaky" means it passed only on a retry; the project runs without retries, so a flaky one counts as failed.
    failed: (stats.unexpected ?? 0) + (stats.flaky ?? 0) + (report.errors ?? []).length,
    skipped: stats.skipped ?? 0,
  };
}

let counts = { passed: 0, failed: 0, skipped: 0 };
if (existsSync(file)) {
  try {
    const report = JSON.parse(readFileSync(file, "utf8"));
    counts = kind === "playwright" ? playwright(report) : vitest(report);
  } catch (e) {
    // A report cut short (the runner died while writing it) counts as one failure, below.
    console.error(`unreadable report ${file}: ${e.message}`);
    counts.failed = 1;
  }
}
if (exitCode !== 0 && counts.failed === 0) counts.failed = 1;
console.log(`${counts.passed} ${counts.failed} ${counts.skipped}`);
