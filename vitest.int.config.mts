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
    fileParallelism: false,
  },
});
