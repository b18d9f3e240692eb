import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  // `server-only` throws outside Next's server layers: the same no-op stub tsx gets through tsconfig.json `paths`.
  resolve: { alias: { "@": path.resolve(import.meta.dirname), "server-only": path.resolve(import.meta.dirname, "lib/platform/server-only-outside-next.ts") } },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts", "tests/**/*.test.ts"],
    exclude: ["**/*.int.test.ts", "node_modules/**", "e2e/**"],
    environment: "node",
    // codemirror-json-schema ships ESM with extensionless imports that Node cannot load; Vite's resolver can.
    server: { deps: { inline: ["codemirror-json-schema"] } },
  },
});
