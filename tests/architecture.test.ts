// The house rules that keep the layout honest: the domain stays pure, and browser code never pulls in server code.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

function sources(dir: string): string[] {
  const full = path.join(root, dir);
  return readdirSync(full).flatMap((name) => {
    const p = path.join(full, name);
    if (statSync(p).isDirectory()) return sources(path.join(dir, name));
    return /\.(ts|tsx)$/.test(name) ? [path.join(dir, name)] : [];
  });
}

function imports(file: string): { spec: string; typeOnly: boolean }[] {
  const text = readFileSync(path.join(root, file), "utf8");
  return [...text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+["']([^"']+)["']/gms)].map((m) => ({ spec: m[2], typeOnly: !!m[1] }));
}

const PURE = ["lib/auth/core", "lib/releases/core", "lib/guardrails/core", "lib/simulator/core", "lib/flags/core", "lib/reports/core", "lib/webhooks/core", "lib/incidents/core"];
/** Pure too, but its tests read Markdown fixtures from disk: only its non-test files are held to the rule. */
const PURE_CODE_ONLY = ["lib/plans/core", "lib/plans/import", "lib/plans/edit"];
const FORBIDDEN_IN_PURE = /^(next|react|@prisma|socket\.io|pg$|better-sqlite3|node:|fs$|path$|@\/lib\/server|.*\/server\/|.*\/client\/)/;

describe("architecture", () => {
  it("keeps the domain pure: no framework, database, network or file system imports", () => {
    for (const dir of PURE) {
      for (const file of sources(dir)) {
        for (const { spec } of imports(file)) {
          if (file.endsWith(".test.ts") && spec === "vitest") continue;
          expect(FORBIDDEN_IN_PURE.test(spec), `${file} imports ${spec}`).toBe(false);
        }
      }
    }
    for (const dir of PURE_CODE_ONLY) {
      for (const file of sources(dir).filter((f) => !f.endsWith(".test.ts"))) {
        for (const { spec } of imports(file)) expect(FORBIDDEN_IN_PURE.test(spec), `${file} imports ${spec}`).toBe(false);
      }
    }
  });

  it("takes time as an argument in the domain, never from the clock", () => {
    for (const dir of [...PURE, ...PURE_CODE_ONLY]) {
      for (const file of sources(dir).filter((f) => !f.endsWith(".test.ts"))) {
        const text = readFileSync(path.join(root, file), "utf8");
        expect(/Date\.now\(\)|new Date\(\)/.test(text), `${file} reads the clock`).toBe(false);
      }
    }
  });

  it("never lets browser code import server code (types excepted)", () => {
    const browserFiles = [...sources("components"), ...readdirSync(path.join(root, "lib")).flatMap((c) => (statSync(path.join(root, "lib", c, "client"), { throwIfNoEntry: false }) ? sources(`lib/${c}/client`) : []))];
    for (const file of browserFiles) {
      for (const { spec, typeOnly } of imports(file)) {
        if (typeOnly) continue;
        expect(/lib\/server|^@prisma|^pg$|better-sqlite3|^node:/.test(spec), `${file} imports ${spec}`).toBe(false);
      }
    }
  });

  it("keeps the CLI a client of the API: no server code, no database (types excepted)", () => {
    for (const file of sources("lib/cli")) {
      for (const { spec, typeOnly } of imports(file)) {
        if (typeOnly) continue;
        expect(/lib\/server|\/server\/|^@prisma|^pg$|better-sqlite3|^next/.test(spec), `${file} imports ${spec}`).toBe(false);
      }
    }
  });

  it("keeps the PostgreSQL schema generated from the SQLite one", () => {
    const check = spawnSync(process.execPath, ["scripts/db/sync-postgres-schema.mjs", "--check"], { cwd: root, encoding: "utf8" });
    expect(check.status, check.stderr).toBe(0);
  });
});
