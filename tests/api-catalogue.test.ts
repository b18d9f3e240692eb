// The OpenAPI catalogue covers every route and method, validates as OpenAPI 3.1, and documents the schema objects the
// handlers validate with.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { FLAG_PROTOCOL_OPERATIONS, NOT_IN_CATALOGUE, OPERATIONS, openApiDocument } from "@/lib/api/server/catalogue";
import { openApiPathOfRouteFile } from "@/lib/platform/http/api-catalogue";

const ROOT = path.resolve(import.meta.dirname, "..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return /^route\.tsx?$/.test(name) ? [path.relative(ROOT, full).replace(/\\/g, "/")] : [];
  });
}

/** The HTTP methods a route file exports: `export const GET`, `export async function GET`, `export { x as GET }`. */
function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of METHODS) {
    if (new RegExp(`export\\s+(const|let|async\\s+function|function)\\s+${m}\\b`).test(source)) found.add(m);
    if (new RegExp(`export\\s*\\{[^}]*\\bas\\s+${m}\\b[^}]*\\}`).test(source) || new RegExp(`export\\s*\\{[^}]*(^|[\\s,{])${m}\\s*[,}]`).test(source)) found.add(m);
  }
  return [...found];
}

const entryHint = (method: string, p: string, file: string) =>
  `${method} ${p} (${file}) has no catalogue entry. Add to OPERATIONS in lib/api/server/catalogue.ts:\n` +
  `  { method: "${method}", path: "${p}", tag: "...", summary: "...", description: "what it does, for whom, what it refuses",\n` +
  `    auth: signedIn("<permission>"), body?: { schema: <the schema the handler reads with> }, responses: ok(<response schema>) },`;

describe("the API catalogue", () => {
  const files = routeFiles(path.join(ROOT, "app"));
  const ops = [...OPERATIONS, ...FLAG_PROTOCOL_OPERATIONS];

  it("has an entry with a summary and description for every method every route file exports", () => {
    const missing: string[] = [];
    for (const file of files) {
      if (NOT_IN_CATALOGUE[file]) continue;
      const p = openApiPathOfRouteFile(file);
      if (!p) {
        missing.push(`${file} is a catch-all route: add it to NOT_IN_CATALOGUE in lib/api/server/catalogue.ts with the reason`);
        continue;
      }
      const methods = exportedMethods(readFileSync(path.join(ROOT, file), "utf8"));
      expect(methods.length, `${file} exports no HTTP method the test recognises`).toBeGreaterThan(0);
      for (const method of methods) {
        const op = ops.find((o) => o.method === method && o.path === p);
        if (!op) missing.push(entryHint(method, p, file));
        else if (!op.summary.trim() || !op.description.trim()) missing.push(`${method} ${p}: give its catalogue entry a summary and a description`);
      }
    }
    expect(missing, missing.join("\n\n")).toEqual([]);
  });

  it("has no entry for a route that does not exist", () => {
    const served = new Set(
      files.flatMap((file) => {
        const p = openApiPathOfRouteFile(file);
        return p ? exportedMethods(readFileSync(path.join(ROOT, file), "utf8")).map((m) => `${m} ${p}`) : [];
      }),
    );
    const stale = OPERATIONS.map((o) => `${o.method} ${o.path}`).filter((k) => !served.has(k));
    expect(stale, `catalogue entries without a route (remove them from lib/api/server/catalogue.ts): ${stale.join(", ")}`).toEqual([]);
  });

  it("documents every path the flag service's edge serves", () => {
    const source = readFileSync(path.join(ROOT, "lib/flags/edge/flag-http.ts"), "utf8");
    const lines = source.split("\n").filter((l) => /path === "|path\.startsWith\("/.test(l) && !/404/.test(l));
    const missing: string[] = [];
    for (const line of lines) {
      const exact = line.match(/path === "([^"]+)"/)?.[1];
      const prefix = line.match(/path\.startsWith\("([^"]+)"\)/)?.[1];
      const method = line.match(/method === "([A-Z]+)"/)?.[1];
      const found = FLAG_PROTOCOL_OPERATIONS.filter((o) =>
        exact ? o.path === exact : prefix ? o.path.startsWith(prefix) && o.path.length > prefix.length : false,
      );
      if (found.length === 0 || (method && !found.some((o) => o.method === method))) {
        missing.push(`${method ?? "?"} ${exact ?? `${prefix}{...}`}: add it to FLAG_PROTOCOL_OPERATIONS in lib/api/server/catalogue.ts`);
      }
    }
    expect(lines.length).toBeGreaterThanOrEqual(6);
    expect(missing, missing.join("\n")).toEqual([]);
  });

  it("validates as OpenAPI 3.1", async () => {
    const doc = openApiDocument();
    const result = await new Validator().validate(structuredClone(doc));
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe("3.1.0");
  }, 60_000);

  it("resolves every $ref to a component", () => {
    const text = JSON.stringify(openApiDocument());
    const schemas = (openApiDocument().components as { schemas: Record<string, unknown> }).schemas;
    const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(20);
    expect(refs.filter((r) => !(r in schemas))).toEqual([]);
    expect(text).not.toContain("__shared");
  });

  it("documents the schema object the route itself reads with (imported from the same module)", async () => {
    const problems: string[] = [];
    for (const op of OPERATIONS) {
      const schemas = [op.body?.schema, op.query].filter((s): s is z.ZodType => !!s);
      if (schemas.length === 0) continue;
      const file = files.find((f) => openApiPathOfRouteFile(f) === op.path)!;
      const source = readFileSync(path.join(ROOT, file), "utf8");
      const modules = [...source.matchAll(/from "@\/([^"]+)"/g)].map((m) => m[1]);
      const exported = new Set<unknown>();
      for (const m of modules) for (const value of Object.values(await import(path.join(ROOT, m)))) exported.add(value);
      for (const schema of schemas) {
        const options = (schema as unknown as { options?: z.ZodType[] }).options;
        const ok = exported.has(schema) || (options?.length && options.every((o) => exported.has(o)));
        if (!ok) problems.push(`${op.method} ${op.path}: the route does not import the schema its catalogue entry documents`);
      }
    }
    expect(problems, problems.join("\n")).toEqual([]);
  }, 60_000);

  it("says what to add when a route has no entry", () => {
    expect(entryHint("POST", "/api/freezes", "app/api/freezes/route.ts")).toMatch(/Add to OPERATIONS in lib\/api\/server\/catalogue\.ts/);
    expect(exportedMethods("export const GET = handle(...);\nexport async function POST() {}\nexport { h as PUT, h as DELETE };")).toEqual([
      "GET",
      "POST",
      "PUT",
      "DELETE",
    ]);
  });
});
