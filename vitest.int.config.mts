// Integration tests: real SQLite files, a real PostgreSQL cluster, the real production server.
import { readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import path from "node:path";

/**
 * The known-slow files start first, slowest first (tests/support/slow-files.json); every other file follows in
 * vitest's own order. Files run three at a time, so a slow file that starts last makes the run's tail while the other
 * workers sit idle. Vitest itself starts the longest first only when its results cache holds an earlier run's
 * durations: a fresh clone (CI) has none, and vitest then starts the largest files first, which put the slowest of
 * all (the kill tests, 4 lines each) at the very end.
 */
const SLOW_FILES: string[] = JSON.parse(readFileSync(path.join(import.meta.dirname, "tests/support/slow-files.json"), "utf8"));

class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const i = SLOW_FILES.indexOf(path.relative(spec.project.config.root, spec.moduleId).split(path.sep).join("/"));
      return i < 0 ? SLOW_FILES.length : i;
    };
    return (await super.sort(files))
      .map((spec, i) => ({ spec, i, rank: rank(spec) }))
      .sort((a, b) => a.rank - b.rank || a.i - b.i)
      .map((x) => x.spec);
  }
}

export default defineConfig({
  // `server-only` throws outside Next's server layers: the same no-op stub tsx gets through tsconfig.json `paths`.
  resolve: { alias: { "@": path.resolve(import.meta.dirname), "server-only": path.resolve(import.meta.dirname, "lib/platform/server-only-outside-next.ts") } },
  test: {
    include: ["tests/**/*.int.test.ts", "lib/**/*.int.test.ts"],
    environment: "node",
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    // Files run in parallel: each worker has its own pair of servers and databases (global setup, workerTargets()),
    // and files that start their own servers or databases take free ports and names of their own. Most of a file's
    // time is spent waiting on the clock (bake times, windows, restarts), so more workers than cores pay off;
    // TIDEGATE_INT_WORKERS=1 runs one file at a time.
    pool: "forks",
    maxWorkers: Number(process.env.TIDEGATE_INT_WORKERS) || 3,
    sequence: { sequencer: SlowFirstSequencer },
  },
});
