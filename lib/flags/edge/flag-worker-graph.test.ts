// The flag worker is built from the edge module graph alone: bundling its entry must not reach a database client,
// a driver, socket.io or the server parts that use them. "It never opens the database" holds by construction, not
// by discipline.
import path from "node:path";
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../../..");

/** What the worker must never load, as it appears in esbuild's input paths. */
const FORBIDDEN = [
  /(^|\/)node_modules\/@prisma\/client\//,
  /(^|\/)node_modules\/\.prisma\//,
  /(^|\/)lib\/generated\//,
  /(^|\/)node_modules\/pg\//,
  /(^|\/)node_modules\/socket\.io\//,
  /(^|\/)node_modules\/better-sqlite3\//,
  /(^|\/)lib\/platform\/db\//,
];

/** Server-only files the worker may hold: the token cache and hash (no store behind them). */
const SERVER_FILES_ALLOWED = new Set(["lib/auth/server/token-cache.ts"]);

async function inputsOf(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [path.join(ROOT, entry)],
    absWorkingDir: ROOT,
    bundle: true,
    platform: "node",
    format: "cjs",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  return Object.keys((result.metafile as Metafile).inputs);
}

const forbiddenIn = (inputs: string[]) => inputs.filter((i) => FORBIDDEN.some((f) => f.test(i)));

describe("the flag worker's module graph", () => {
  it("reaches no database client, driver, socket.io or lib/platform/db", async () => {
    const inputs = await inputsOf("lib/flags/edge/flag-worker.ts");
    expect(inputs).toContain("lib/flags/edge/flag-http.ts");
    expect(forbiddenIn(inputs)).toEqual([]);
    const serverFiles = inputs.filter((i) => !i.includes("node_modules/") && /\/(server|client)\//.test(i) && !SERVER_FILES_ALLOWED.has(i));
    expect(serverFiles).toEqual([]);
  }, 60_000);

  it("is a check that sees the database when it is there: the worker's keeper (main thread) reaches it", async () => {
    const inputs = await inputsOf("lib/flags/server/start-flag-worker.ts");
    const found = forbiddenIn(inputs).join("\n");
    expect(found).toMatch(/lib\/platform\/db\//);
    expect(found).toMatch(/lib\/generated\//);
    expect(found).toMatch(/node_modules\/pg\//);
  }, 60_000);
});
