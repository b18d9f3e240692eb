// Integration tests: real SQLite files, a real PostgreSQL cluster, the real production server.
import { defineConfig } from "vitest/config";
import path from "node:path";

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
  },
});
