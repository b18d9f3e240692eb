// The README's Configuration section must list every variable the server's config schema reads, so the table stays
// complete when a variable is added. The schema object (EnvSchema in lib/platform/config/config.ts) is not exported,
// and importing the module would validate this process's environment, so its keys are read from the source text.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

/** The keys of `const EnvSchema = z.object({ ... })`: the lines at the object's first indentation level. */
function schemaKeys(source: string): string[] {
  const start = source.indexOf("const EnvSchema = z.object({");
  if (start < 0) throw new Error("lib/platform/config/config.ts: `const EnvSchema = z.object({` not found");
  const end = source.indexOf("\n});", start);
  if (end < 0) throw new Error("lib/platform/config/config.ts: the end of EnvSchema (`});`) not found");
  const body = source.slice(start, end);
  return [...body.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]);
}

/** The text of the README's `## Configuration` section, up to the next second-level heading. */
function configurationSection(readme: string): string {
  const start = readme.search(/^## Configuration\s*$/m);
  if (start < 0) throw new Error("README.md has no `## Configuration` section");
  const rest = readme.slice(start + 1);
  const next = rest.search(/^## /m);
  return next < 0 ? rest : rest.slice(0, next);
}

/** Variables the schema reads that the section does not name in backticks. */
function missingVariables(keys: string[], section: string): string[] {
  return keys.filter((k) => !section.includes(`\`${k}\``));
}

describe("README Configuration section", () => {
  const source = readFileSync(path.join(root, "lib/platform/config/config.ts"), "utf8");
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  const keys = schemaKeys(source);

  it("reads the config schema's keys", () => {
    // A parser that found (almost) nothing would let every README pass.
    expect(keys.length).toBeGreaterThan(40);
    expect(keys).toContain("DATABASE_URL");
    expect(keys).toContain("LOG_LEVEL");
  });

  it("lists every variable of the config schema", () => {
    const missing = missingVariables(keys, configurationSection(readme));
    expect(missing, `README.md's Configuration section does not list: ${missing.join(", ")}`).toEqual([]);
  });

  it("fails naming a variable the section leaves out", () => {
    const section = configurationSection("# T\n\n## Configuration\n\n| `PORT` | 3000 | the port |\n\n## Roles\n\n`HOST`\n");
    expect(missingVariables(["PORT", "HOST"], section)).toEqual(["HOST"]);
  });
});
