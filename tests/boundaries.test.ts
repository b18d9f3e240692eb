// The import rules of .dependency-cruiser.cjs (run by `npm run lint`), checked through dependency-cruiser's own API
// with the repo's config: the tree breaks none of them beyond the debts other branches are paying off, and each
// rule catches the forbidden import it names when one is added.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { cruise, type ICruiseResult, type IViolation } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
/** What `npm run lint` cruises. */
const TREE = ["lib", "app", "components", "server.ts", "scripts", "bin"];

/**
 * Violations still being paid off, each listed in .dependency-cruiser-known-violations.json until it is gone. None
 * today: the last knot (the write path importing its outbox consumers) went with the committed signal.
 */
const KNOT = new Set<string>();

/** A violation another branch is removing: listed in .dependency-cruiser-known-violations.json until it lands. */
function pending(v: IViolation): boolean {
  if (v.rule.name === "no-circular") return (v.cycle ?? []).every((step) => KNOT.has(step.name)) && KNOT.has(v.from);
  if (v.rule.name === "server-files-are-server-only") return KNOT.has(v.from);
  return false;
}

async function cruiseWithRepoConfig(files: string[]): Promise<ICruiseResult> {
  const options = await extractDepcruiseOptions(path.join(root, ".dependency-cruiser.cjs"));
  const tsConfig = extractTSConfig(path.join(root, "tsconfig.json"));
  const result = await cruise(files, options, {}, { tsConfig });
  return result.output as ICruiseResult;
}

/** The whole tree, cruised once for the tests that read it. */
let tree: Promise<ICruiseResult> | undefined;
const cruiseTree = () => (tree ??= cruiseWithRepoConfig(TREE));
/** A cruise of the tree takes seconds; on a busy machine, tens of them. */
const CRUISE_TIMEOUT_MS = 120_000;

const errors = (result: ICruiseResult) => result.summary.violations.filter((v) => v.rule.severity === "error");
const describeViolation = (v: IViolation) => `${v.rule.name}: ${v.from} -> ${v.to}${v.cycle ? ` (${v.cycle.map((s) => s.name).join(" -> ")})` : ""}`;

describe("import boundaries", () => {
  // The rules are read relative to the working directory, as the CLI does.
  process.chdir(root);

  it("holds in the real tree: no error, and the known-violations file lists nothing", { timeout: CRUISE_TIMEOUT_MS }, async () => {
    const result = await cruiseTree();
    expect(result.summary.totalCruised).toBeGreaterThan(500);
    expect(errors(result).filter((v) => !pending(v)).map(describeViolation)).toEqual([]);
    const known = JSON.parse(readFileSync(path.join(root, ".dependency-cruiser-known-violations.json"), "utf8")) as IViolation[];
    expect(known.filter((v) => !pending(v)).map(describeViolation)).toEqual([]);
  });

  it("finds no cycle anywhere (type imports included)", { timeout: CRUISE_TIMEOUT_MS }, async () => {
    const result = await cruiseTree();
    const cycles = result.summary.violations.filter((v) => v.rule.name === "no-circular");
    for (const cycle of cycles) expect(pending(cycle), describeViolation(cycle)).toBe(true);
    expect(cycles.map(describeViolation)).toEqual([]);
  });

  describe("catches a forbidden import when one is added", () => {
    const probes: string[] = [];
    const probe = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
      probes.push(file);
      return file;
    };
    afterAll(() => {
      for (const file of probes) rmSync(path.join(root, file), { force: true });
      rmSync(path.join(root, "app/api/zz-boundary-probe"), { recursive: true, force: true });
    });

    const tag = `zz-boundary-probe-${process.pid}`;
    const cases: { rule: string; files: [string, string][] }[] = [
      { rule: "core-imports-only-pure-code", files: [[`lib/releases/core/${tag}.ts`, 'import { db } from "../../platform/db/client";\nexport const probe = db;\n']] },
      { rule: "core-no-framework-or-database", files: [[`lib/guardrails/core/${tag}.ts`, 'import type { Server } from "socket.io";\nexport type Probe = Server;\n']] },
      { rule: "core-no-node-built-ins", files: [[`lib/flags/core/${tag}.ts`, 'import { readFileSync } from "node:fs";\nexport const probe = readFileSync;\n']] },
      { rule: "browser-never-imports-server", files: [[`components/board/${tag}.tsx`, 'import { getRelease } from "@/lib/releases/server/get-release";\nexport const probe = getRelease;\n']] },
      { rule: "browser-never-imports-server", files: [[`lib/releases/client/${tag}.ts`, 'import { db } from "../../platform/db/client";\nexport const probe = db;\n']] },
      { rule: "routes-never-touch-the-database", files: [["app/api/zz-boundary-probe/route.ts", 'import { db } from "@/lib/platform/db/client";\nexport const GET = () => db();\n']] },
      { rule: "product-never-imports-scripts", files: [[`lib/auth/server/${tag}.ts`, 'import "server-only";\nimport "../../../scripts/db/migrate";\n']] },
      { rule: "cli-is-a-client-of-the-api", files: [[`lib/cli/${tag}.ts`, 'import { db } from "../platform/db/client";\nexport const probe = db;\n']] },
      // Reachability: the edge imports a flag-server file that reaches the database two steps on.
      { rule: "edge-never-reaches-the-database", files: [[`lib/flags/edge/${tag}.ts`, 'import { refreshFlags } from "../server/flag-store";\nexport const probe = refreshFlags;\n']] },
      { rule: "server-files-are-server-only", files: [[`lib/incidents/server/${tag}.ts`, "export const probe = 1;\n"]] },
      {
        rule: "no-circular",
        files: [
          [`lib/reports/core/${tag}-a.ts`, `import type { B } from "./${tag}-b";\nexport interface A { b: B }\n`],
          [`lib/reports/core/${tag}-b.ts`, `import type { A } from "./${tag}-a";\nexport interface B { a?: A }\n`],
        ],
      },
    ];

    it("and lets an allowed one through: a core importing another capability's core and a plain package", { timeout: CRUISE_TIMEOUT_MS }, async () => {
      const file = probe(`lib/releases/core/${tag}-allowed.ts`, 'import { z } from "zod";\nimport { BUCKET_SIZES_MS } from "../../guardrails/core/rollup";\nexport const probe = z.number().max(BUCKET_SIZES_MS.coarse);\n');
      const result = await cruiseWithRepoConfig([file]);
      expect(result.summary.totalCruised).toBeGreaterThan(1);
      expect(errors(result).filter((v) => v.from === file).map(describeViolation)).toEqual([]);
    });

    for (const { rule, files } of cases) {
      it(`${rule}: ${files[0][0]}`, { timeout: CRUISE_TIMEOUT_MS }, async () => {
        const written = files.map(([file, text]) => probe(file, text));
        const result = await cruiseWithRepoConfig(written);
        const hits = errors(result).filter((v) => written.includes(v.from));
        expect(hits.map((v) => v.rule.name), JSON.stringify(hits.map(describeViolation))).toContain(rule);
      });
    }
  });
});
