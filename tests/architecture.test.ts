// The house rules that no import graph shows: the domain takes time as an argument, and the PostgreSQL schema is
// generated from the SQLite one. What imports what (pure cores, browser vs server, the CLI, routes, the edge, cycles)
// is dependency-cruiser's job: .dependency-cruiser.cjs, run by `npm run lint` and tests/boundaries.test.ts.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
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

/** The pure folders, as .dependency-cruiser.cjs's PURE names them: every capability's core, the plan format's import and edit. */
const PURE = [
  ...readdirSync(path.join(root, "lib"))
    .map((capability) => `lib/${capability}/core`)
    .filter((dir) => existsSync(path.join(root, dir))),
  "lib/plans/import",
  "lib/plans/edit",
];

describe("architecture", () => {
  it("takes time as an argument in the domain, never from the clock", () => {
    expect(PURE.length).toBeGreaterThan(8);
    for (const dir of PURE) {
      for (const file of sources(dir).filter((f) => !f.endsWith(".test.ts"))) {
        const text = readFileSync(path.join(root, file), "utf8");
        expect(/Date\.now\(\)|new Date\(\)/.test(text), `${file} reads the clock`).toBe(false);
      }
    }
  });

  it("keeps the PostgreSQL schema generated from the SQLite one", () => {
    const check = spawnSync(process.execPath, ["scripts/db/sync-postgres-schema.mjs", "--check"], { cwd: root, encoding: "utf8" });
    expect(check.status, check.stderr).toBe(0);
  });
});
